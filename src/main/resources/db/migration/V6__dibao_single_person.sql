-- 单人户施保: in a household just above the line, a severely disabled or seriously ill member may be
-- covered alone. The disability type decides for grade 3 (intellectual / mental).
alter table dibao_member add column disability_type varchar(12);
alter table dibao_member add column covered_alone boolean default false not null;
alter table dibao_application add column single_person boolean default false not null;
