-- The case core: one row per application of any kind, which every kind's own rows, the history, the
-- notices, the people, the claims and the benefits hang from. Status is a code under a CHECK, set by
-- the processes' execution listeners; reasons and readers are child rows, not joined text.
create table app_case (
  application_no      varchar(32)  primary key,
  kind                varchar(24)  not null
                      check (kind in ('dibao', 'eldercare', 'nursing-home', 'funeral', 'temporary-assistance')),
  process_instance_id varchar(64),
  status              varchar(16)  not null
                      check (status in ('IN_REVIEW', 'PUBLIC_NOTICE', 'APPROVED', 'REJECTED', 'REFERRED', 'REVOKED')),
  street_code         varchar(12)  references jurisdiction (code),
  district_code       varchar(12)  not null references jurisdiction (code),
  applicant_name      varchar(100) not null,
  submitted_by        varchar(64)  not null,
  submitted_at        timestamp    not null,
  -- the legal last day of the whole case on the working-day calendar; an extension moves it once
  case_deadline       date         not null,
  extension_reason    varchar(500),
  extended_by         varchar(64),
  extended_at         timestamp,
  decided_at          timestamp,
  check ((extension_reason is null) = (extended_at is null))
);
create index idx_case_kind_status on app_case (kind, status, submitted_at);
create index idx_case_street on app_case (street_code, submitted_at);
create index idx_case_district on app_case (district_code, submitted_at);
create index idx_case_process on app_case (process_instance_id);

-- Why a case was refused, referred or revoked (or what a pre-check found), in order.
create table case_reason (
  application_no varchar(32)   not null references app_case (application_no),
  seq            int           not null,
  reason         varchar(1000) not null,
  primary key (application_no, seq)
);

-- The groups that may read a case: its street, district and city, and for some kinds an agency or
-- the departments. The same groups hold the engine's read grants on the case's process instances.
create table case_reader (
  application_no varchar(32) not null references app_case (application_no),
  group_id       varchar(64) not null,
  primary key (application_no, group_id)
);
create index idx_case_reader_group on case_reader (group_id, application_no);

