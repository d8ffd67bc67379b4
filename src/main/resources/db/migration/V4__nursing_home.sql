-- 养老机构扶持 (nursing-home support, DOMAIN.md §3).

-- The institution itself, keyed by its unified social credit code: one institution, many
-- applications over the years. Holds the latest declared figures; each application keeps its own copy.
create table nursing_home_institution (
  credit_code          varchar(18)  primary key,
  name                 varchar(100) not null,
  filing_no            varchar(50)  not null,
  district_code        varchar(12)  not null references jurisdiction (code),
  operating_since      date         not null,
  beds                 int          not null,
  occupied_beds        int          not null,
  local_residents      int          not null,
  star_rating          int,
  fire_safety_approved boolean      not null,
  site_rented          boolean      not null,
  lease_years          int,
  first_filed_at       timestamp    not null,
  updated_at           timestamp    not null
);
create index idx_nh_institution_district on nursing_home_institution (district_code);

-- One application for one policy, with the figures as declared and as found on site.
create table nursing_home_application (
  application_no          varchar(32)   primary key,
  process_instance_id     varchar(64),
  credit_code             varchar(18)   not null references nursing_home_institution (credit_code),
  district_code           varchar(12)   not null references jurisdiction (code),
  policy                  varchar(24)   not null
                          check (policy in ('CONSTRUCTION_SUBSIDY', 'OPERATING_SUBSIDY', 'INTEREST_SUBSIDY')),
  green_channel           boolean       not null,
  institution_name        varchar(100)  not null,
  filing_no               varchar(50)   not null,
  operating_since         date          not null,
  beds                    int           not null,
  new_beds                int           not null,
  occupied_beds           int           not null,
  local_residents         int           not null,
  residents_intact        int           not null,
  residents_mild          int           not null,
  residents_moderate      int           not null,
  residents_severe        int           not null,
  residents_complete      int           not null,
  star_rating             int,
  fire_safety_approved    boolean       not null,
  site_rented             boolean       not null,
  lease_years             int,
  renovation              boolean       not null,
  loan_amount             numeric(14,2),
  new_hire_ratio          numeric(7,4),
  inspected_occupied_beds int,
  status                  varchar(16)   not null,
  amount                  numeric(14,2),
  breakdown               varchar(4000),
  precheck_reasons        varchar(4000),
  reasons                 varchar(4000),
  submitted_by            varchar(64)   not null,
  submitted_at            timestamp     not null,
  decided_at              timestamp
);
create index idx_nh_application_institution on nursing_home_application (credit_code, policy);
create index idx_nh_application_district_status on nursing_home_application (district_code, status);

-- The opinion of each department (fire / market / health) per review round: the parallel
-- department tasks would overwrite each other's process variables, so each one is kept here.
create table nursing_home_department_opinion (
  application_no varchar(32)   not null references nursing_home_application (application_no),
  review_round   int           not null,
  department     varchar(10)   not null check (department in ('fire', 'market', 'health')),
  decision       varchar(16)   not null,
  opinion        varchar(2000),
  user_id        varchar(64),
  decided_at     timestamp     not null,
  primary key (application_no, review_round, department)
);
