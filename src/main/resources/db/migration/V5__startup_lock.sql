-- Rows locked (select … for update) while a node does one-time work at start-up, so that two nodes
-- starting together on one database do not both create the organisation's groups and filters.
create table app_lock (
  name varchar(64) primary key
);
insert into app_lock (name) values ('organization-setup');
