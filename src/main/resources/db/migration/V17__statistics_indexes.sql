-- GET /api/statistics counts the cases decided in a range (city-wide, or in one district); received cases use the
-- existing indexes on submitted_at (idx_case_district for one district).
create index idx_case_decided on app_case (decided_at);
create index idx_case_district_decided on app_case (district_code, decided_at);
