-- 惠民殡葬 (issue 11): one case per deceased, the categories it rests on, the services and their waiver,
-- and the monthly satisfaction call-back. The funeral home is paid the waived amounts as a one-off benefit
-- of the case (benefit FUNERAL_WAIVER) in the district's payment run.
alter table benefit_claim drop constraint ck_claim_benefit;
alter table benefit_claim add constraint ck_claim_benefit check (benefit in (
  'DIBAO', 'ELDER_HIGH_AGE', 'ELDER_NURSING', 'ELDER_HOME_CARE',
  'NH_CONSTRUCTION_SUBSIDY', 'NH_OPERATING_SUBSIDY', 'NH_INTEREST_SUBSIDY', 'FUNERAL_WAIVER', 'TEMPORARY_ASSISTANCE'));
alter table benefit_record drop constraint ck_record_benefit;
alter table benefit_record add constraint ck_record_benefit check (benefit in (
  'DIBAO', 'REGULAR_FIXED', 'LOW_INCOME_HARDSHIP', 'LOW_INCOME', 'HIGH_AGE', 'NURSING', 'HOME_CARE',
  'NH_CONSTRUCTION_SUBSIDY', 'NH_OPERATING_SUBSIDY', 'NH_INTEREST_SUBSIDY', 'FUNERAL_WAIVER', 'TEMPORARY_ASSISTANCE'));

create table funeral_application (
  application_no     varchar(32)  primary key references app_case (application_no),
  street_code        varchar(12)  not null references jurisdiction (code),
  deceased_name      varchar(50)  not null,
  -- one case per deceased, whatever its outcome
  deceased_id_number varchar(18)  not null unique,
  date_of_death      date         not null,
  caller_name        varchar(50)  not null,
  caller_phone       varchar(20)  not null,
  caller_relation    varchar(20)  not null,
  eligible_by        varchar(10)  check (eligible_by in ('REGISTRY', 'DECLARED', 'NONE')),
  waived_amount      numeric(12,2) check (waived_amount >= 0),
  finished_at        timestamp
);
create index idx_funeral_finished on funeral_application (finished_at);

create table funeral_category (
  application_no varchar(32) not null references funeral_application (application_no),
  category       varchar(24) not null,
  source         varchar(10) not null check (source in ('REGISTRY', 'DECLARED')),
  primary key (application_no, category)
);

create table funeral_service (
  application_no  varchar(32)   not null references funeral_application (application_no),
  kind            varchar(12)   not null check (kind in ('TRANSPORT', 'STORAGE', 'CREMATION', 'ASH_STORAGE')),
  requested_units int           not null check (requested_units > 0),
  rendered_units  int           check (rendered_units >= 0),
  fee             numeric(12,2) check (fee >= 0),
  unit_cap        numeric(12,2),
  waived          numeric(12,2) check (waived >= 0),
  primary key (application_no, kind)
);

-- a month is sampled once; each sampled family is called back once (up to the table's number of tries)
create table funeral_sampling (
  sample_month date      primary key,
  finished     int       not null,
  sampled      int       not null,
  sampled_at   timestamp not null
);
create table funeral_callback (
  application_no      varchar(32)  primary key references funeral_application (application_no),
  sample_month        date         not null references funeral_sampling (sample_month),
  process_instance_id varchar(64),
  tries               int          default 0 not null,
  reached             boolean,
  satisfied           boolean,
  comment             varchar(500),
  finished_at         timestamp,
  check (satisfied is null or reached = true)
);
create index idx_funeral_callback_month on funeral_callback (sample_month);
