-- Issue 5: the member list with its filters and sorts, fast at 100,000 members, and the audit
-- log read newest first.
--
-- The members table is wide (every row holds a password hash), so each list query walks one of
-- these covering indexes instead: they hold every column the filters read. Which one depends on
-- what the query joins (see server/src/members/list.rs):
-- - by name, by email: pages in that order stop after the page's last row;
-- - by id: a full walk that looks up two_step_enrollments (keyed by member_id) in key order;
-- - by group: the members of a set of groups (a group with its subgroups, an administrator's
--   groups), and full walks that look up technician_groups, one group after the other.
-- A list by setup time reads the members who have a setup from two_step_enrollments_by_time,
-- so that its first pages stop early instead of sorting every member.

DROP INDEX members_by_organization;

CREATE INDEX members_by_name ON members (organization_id, name, id, email,
    is_master_administrator, is_administrator, is_technician, technician_group_id);
CREATE INDEX members_by_email ON members (organization_id, email, id, name,
    is_master_administrator, is_administrator, is_technician, technician_group_id);
CREATE INDEX members_by_id ON members (organization_id, id, name, email,
    is_master_administrator, is_administrator, is_technician, technician_group_id);
CREATE INDEX members_by_group_and_id ON members (organization_id, technician_group_id, id, name,
    email, is_master_administrator, is_administrator, is_technician);

CREATE INDEX two_step_enrollments_by_time ON two_step_enrollments (enrolled_at, member_id);

DROP INDEX audit_events_by_organization;

CREATE INDEX audit_events_by_time ON audit_events (organization_id, at DESC, id DESC);
CREATE INDEX audit_events_by_kind ON audit_events (organization_id, kind, at DESC, id DESC);
CREATE INDEX audit_events_by_actor ON audit_events (organization_id, actor_member_id);
