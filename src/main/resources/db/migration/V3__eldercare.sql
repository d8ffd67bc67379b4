-- Elder-care subsidies: high-age allowance, nursing subsidy, purchased home-care services.
create table eldercare_application (
  application_no       varchar(32)  primary key,
  process_instance_id  varchar(64),
  street_code          varchar(12)  not null references jurisdiction (code),
  subsidy_type         varchar(10)  not null check (subsidy_type in ('HIGH_AGE', 'NURSING', 'HOME_CARE')),
  elder_name           varchar(50)  not null,
  id_number            varchar(18)  not null,
  hukou_type           varchar(5)   not null check (hukou_type in ('URBAN', 'RURAL')),
  has_employee_pension boolean      not null,
  living_alone         boolean      not null,
  lost_only_child      boolean      not null,
  assistance_status    varchar(12)  not null,
  status               varchar(16)  not null,
  category             varchar(24),
  category_name        varchar(60),
  ability_grade        varchar(10),
  monthly_amount       numeric(12,2),
  service_hours        int,
  provider             varchar(100),
  reasons              varchar(4000),
  payment_from         date,
  submitted_by         varchar(64)  not null,
  submitted_at         timestamp    not null,
  decided_at           timestamp
);
create index idx_eldercare_person on eldercare_application (id_number);
create index idx_eldercare_street_status on eldercare_application (street_code, status);

-- Purchased home-care services are granted as hours with an assigned provider.
alter table benefit_record add column service_hours int;
alter table benefit_record add column provider varchar(100);
-- Status look-ups (低保/低收入 of a person) and provider load counts.
create index idx_benefit_record_status on benefit_record (benefit, status);
