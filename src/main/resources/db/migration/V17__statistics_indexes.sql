-- GET /api/statistics counts the cases received and decided in a range, city-wide or in one district. Receipts have
-- their indexes (idx_case_submitted of V10, idx_case_district of V7); decisions get the same two.
create index idx_case_decided on app_case (decided_at);
create index idx_case_district_decided on app_case (district_code, decided_at);
