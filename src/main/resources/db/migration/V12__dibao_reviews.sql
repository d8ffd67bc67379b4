-- 低保 / 定期定量救助 re-reviews (动态管理, issue 10): each re-review is a case of its own (app_case kind
-- 'dibao-review', number FC…) linked to the household's case. At most one open review per benefit, held by the
-- database: open_application_no is the household's case while the review is open and null once it is decided
-- (NULLs never collide in a unique constraint, in H2 as in PostgreSQL).
create table dibao_review (
  review_no             varchar(32)   primary key references app_case (application_no),
  application_no        varchar(32)   not null references app_case (application_no),
  open_application_no   varchar(32)   references app_case (application_no),
  review_trigger        varchar(20)   not null,
  reason                varchar(500)  not null,
  started_by            varchar(64),
  started_at            timestamp     not null,
  benefit               varchar(16)   not null,
  amount_before         numeric(12,2) not null,
  findings              boolean,
  standard              numeric(12,2),
  per_capita_income     numeric(12,2),
  household_income      numeric(12,2),
  income_ratio          numeric(12,6),
  proposed_outcome      varchar(16),
  proposed_amount       numeric(12,2),
  outcome               varchar(16),
  monthly_amount        numeric(12,2),
  last_month            date,
  decided_at            timestamp,
  spot_checked          boolean,
  constraint uq_review_open unique (open_application_no),
  constraint ck_review_trigger check (review_trigger in ('DUE', 'CAMPAIGN', 'DEATH', 'HUKOU_MOVED_OUT')),
  constraint ck_review_proposed check (proposed_outcome in ('CONTINUE', 'ADJUST', 'GRADUAL_EXIT', 'STOP')),
  constraint ck_review_outcome check (outcome in ('CONTINUE', 'ADJUST', 'GRADUAL_EXIT', 'STOP')),
  constraint ck_review_open check (open_application_no is null or open_application_no = application_no),
  -- open: no outcome yet; decided: an outcome, and no longer open
  constraint ck_review_decided check ((outcome is null) = (open_application_no is not null))
);
create index idx_review_application on dibao_review (application_no, started_at);

-- the updated monthly income of each member found by the review's home visit (入户调查)
create table dibao_review_income (
  review_no      varchar(32)   not null references dibao_review (review_no),
  id_number      varchar(18)   not null,
  monthly_income numeric(12,2),
  verified_income numeric(12,2),
  primary key (review_no, id_number),
  check (monthly_income >= 0)
);

-- members who left a 低保 household (death, 户籍 moved out): no longer counted by its re-reviews; reported once
create table dibao_member_left (
  application_no varchar(32) not null references app_case (application_no),
  id_number      varchar(18) not null,
  event_type     varchar(20) not null check (event_type in ('DEATH', 'HUKOU_MOVED_OUT')),
  event_date     date        not null,
  recorded_by    varchar(64),
  recorded_at    timestamp   not null,
  primary key (application_no, id_number)
);

-- re-reviews requested but not started yet (a campaign, the daily due list): one row per benefit, drained in
-- batches by the benefitDaily process, so no request waits for a whole campaign to start
create table dibao_review_request (
  application_no varchar(32)  primary key references app_case (application_no),
  review_trigger varchar(20)  not null,
  reason         varchar(500) not null,
  requested_by   varchar(64),
  requested_at   timestamp    not null,
  constraint ck_review_request_trigger check (review_trigger in ('DUE', 'CAMPAIGN', 'DEATH', 'HUKOU_MOVED_OUT'))
);
create index idx_review_request_time on dibao_review_request (requested_at, application_no);
