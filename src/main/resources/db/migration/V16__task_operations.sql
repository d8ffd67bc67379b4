-- 抄送 (issue 12, task operations): a case copied to a member of staff for information. The copied user may read
-- the case (CaseAccess) and finds it under 抄送我的 (GET /api/copies); one row per case and user.
create table case_copy (
  application_no varchar(32)   not null references app_case (application_no),
  user_id        varchar(64)   not null,
  copied_by      varchar(64)   not null,
  reason         varchar(500),
  copied_at      timestamp     not null,
  primary key (application_no, user_id)
);
create index idx_case_copy_user on case_copy (user_id, copied_at);
