-- Benefit codes are checked where they are stored: what a claim holds and what a record pays.
alter table benefit_claim add constraint ck_claim_benefit check (benefit in (
  'DIBAO', 'ELDER_HIGH_AGE', 'ELDER_NURSING', 'ELDER_HOME_CARE',
  'NH_CONSTRUCTION_SUBSIDY', 'NH_OPERATING_SUBSIDY', 'NH_INTEREST_SUBSIDY'));
alter table benefit_record add constraint ck_record_benefit check (benefit in (
  'DIBAO', 'LOW_INCOME_HARDSHIP', 'LOW_INCOME', 'HIGH_AGE', 'NURSING', 'HOME_CARE',
  'NH_CONSTRUCTION_SUBSIDY', 'NH_OPERATING_SUBSIDY', 'NH_INTEREST_SUBSIDY'));
