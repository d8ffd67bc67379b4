-- Benefit codes are checked where they are stored: what a claim holds and what a record pays.
alter table benefit_claim add constraint ck_claim_benefit check (benefit in (
  'DIBAO', 'ELDER_HIGH_AGE', 'ELDER_NURSING', 'ELDER_HOME_CARE',
  'NH_CONSTRUCTION_SUBSIDY', 'NH_OPERATING_SUBSIDY', 'NH_INTEREST_SUBSIDY'));
alter table benefit_record add constraint ck_record_benefit check (benefit in (
  'DIBAO', 'LOW_INCOME_HARDSHIP', 'LOW_INCOME', 'HIGH_AGE', 'NURSING', 'HOME_CARE',
  'NH_CONSTRUCTION_SUBSIDY', 'NH_OPERATING_SUBSIDY', 'NH_INTEREST_SUBSIDY'));

-- The city's list of cases (newest first, every case readable) walks this index instead of sorting.
create index idx_case_submitted on app_case (submitted_at, application_no);
