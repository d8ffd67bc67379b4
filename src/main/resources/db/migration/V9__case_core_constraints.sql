-- After V8 moved status and reasons of the cases in flight into the case core, the kinds' own copies go,
-- and the kinds' own tables, the history, notices, people, claims and benefits belong to a case.
drop index idx_dibao_street_status;
alter table dibao_application drop column status;
alter table dibao_application drop column reasons;
alter table dibao_application add constraint fk_dibao_case foreign key (application_no) references app_case (application_no);

drop index idx_eldercare_street_status;
alter table eldercare_application drop column status;
alter table eldercare_application drop column reasons;
alter table eldercare_application add constraint fk_eldercare_case foreign key (application_no) references app_case (application_no);

drop index idx_nh_application_district_status;
alter table nursing_home_application drop column status;
alter table nursing_home_application drop column reasons;
alter table nursing_home_application add constraint fk_nh_case foreign key (application_no) references app_case (application_no);

alter table case_history add constraint fk_history_case foreign key (application_no) references app_case (application_no);
alter table case_notice add constraint fk_notice_case foreign key (application_no) references app_case (application_no);
alter table case_person add constraint fk_person_case foreign key (application_no) references app_case (application_no);
alter table benefit_claim add constraint fk_claim_case foreign key (application_no) references app_case (application_no);
alter table benefit_record add constraint fk_benefit_case foreign key (application_no) references app_case (application_no);

-- Codes are checked where they are stored.
alter table case_notice add constraint ck_notice_kind
  check (kind in ('PUBLIC_NOTICE', 'APPROVAL', 'REJECTION', 'REFERRAL', 'REVOCATION'));
alter table dibao_application add constraint ck_dibao_tier
  check (tier is null or tier in ('DIBAO', 'LOW_INCOME_HARDSHIP', 'LOW_INCOME', 'NONE'));
