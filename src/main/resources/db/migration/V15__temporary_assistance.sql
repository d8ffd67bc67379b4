-- 临时救助 (issue 11): 急难型 granted first by the street (先行救助) and verified afterwards, 支出型 verified first;
-- the grant is a one-off benefit of the case, paid in the next run or at once in cash (then never in a run).
create table temporary_assistance (
  application_no      varchar(32)   primary key references app_case (application_no),
  street_code         varchar(12)   not null references jurisdiction (code),
  type                varchar(12)   not null check (type in ('EMERGENCY', 'EXPENDITURE')),
  applicant_name      varchar(50)   not null,
  applicant_id_number varchar(18)   not null,
  household_size      int           not null check (household_size between 1 and 20),
  area_type           varchar(5)    not null check (area_type in ('URBAN', 'RURAL')),
  reason              varchar(1000) not null,
  requested_amount    numeric(12,2) not null check (requested_amount > 0),
  standard            numeric(12,2),
  cap_amount          numeric(12,2),
  street_limit        numeric(12,2),
  granted_amount      numeric(12,2) check (granted_amount > 0),
  paid_in_cash        boolean       default false not null,
  granted_at          timestamp,
  justified           boolean,
  findings            varchar(2000),
  recovery_amount     numeric(12,2) check (recovery_amount >= 0),
  recovery_reason     varchar(1000),
  check (granted_amount is null or cap_amount is null or granted_amount <= cap_amount)
);
create index idx_temporary_assistance_person on temporary_assistance (applicant_id_number);

-- a benefit paid outside the payment runs (cash at the street office for an emergency)
alter table benefit_record add column paid_outside_runs boolean default false not null;

-- 节日补贴: one call per holiday and year (city), one line per household and holiday, paid with that month's run
create table holiday_subsidy_call (
  holiday    varchar(16) not null check (holiday in ('SPRING_FESTIVAL', 'MID_AUTUMN', 'NATIONAL_DAY', 'NEW_YEAR')),
  holiday_year int       not null,
  pay_month  date        not null,
  households int         not null,
  total      numeric(14,2) not null,
  called_by  varchar(64) not null,
  called_at  timestamp   not null,
  primary key (holiday, holiday_year)
);
create table holiday_subsidy (
  holiday        varchar(16)   not null,
  holiday_year   int           not null,
  application_no varchar(32)   not null references app_case (application_no),
  benefit        varchar(24)   not null,
  street_code    varchar(12)   not null,
  pay_month      date          not null,
  amount         numeric(12,2) not null check (amount > 0),
  primary key (holiday, holiday_year, application_no),
  foreign key (holiday, holiday_year) references holiday_subsidy_call (holiday, holiday_year)
);
create index idx_holiday_subsidy_month on holiday_subsidy (pay_month, street_code);
