-- A change of the primary method resets every member's two-step verification in one
-- small write, whatever the organization's size.
--
-- The policy counts its resets (reset_generation) and records when the last one happened
-- (reset_at); a setup records its member's organization and the generation it was made in. A
-- setup made before its organization's last reset is void: every reader treats it as no setup
-- (see server/src/data/setups.rs), and a background sweeper deletes void setups (their sealed
-- keys, phone numbers and recovery codes) in small batches.

ALTER TABLE policies ADD COLUMN reset_generation INTEGER NOT NULL DEFAULT 0;
ALTER TABLE policies ADD COLUMN reset_at INTEGER NULL;

ALTER TABLE two_step_enrollments ADD COLUMN organization_id INTEGER NOT NULL DEFAULT 0;
ALTER TABLE two_step_enrollments ADD COLUMN reset_generation INTEGER NOT NULL DEFAULT 0;
UPDATE two_step_enrollments
SET organization_id = (SELECT m.organization_id FROM members m WHERE m.id = member_id);

-- An organization's setups of one generation in time order, replacing
-- two_step_enrollments_by_time of migration 0003: the member list by setup time walks the
-- current generation's entries only, a reset counts the setups it voids in one range, and the
-- sweeper finds the void setups below the current generation.
DROP INDEX two_step_enrollments_by_time;
CREATE INDEX two_step_enrollments_by_generation
    ON two_step_enrollments (organization_id, reset_generation, enrolled_at, member_id);

-- When each member was last asked to set up two-step verification again (NULL: not asked, or
-- set up since): by an administrator's reset of them (members.two_step_reset_at, cleared by
-- their next setup), or by their organization's last reset if they were a member then and
-- have not set up since.
CREATE VIEW two_step_resets AS
SELECT m.id AS member_id,
       m.organization_id,
       CASE
           WHEN e.member_id IS NOT NULL THEN NULL
           WHEN p.reset_at IS NOT NULL AND m.created_at <= p.reset_at
                AND (m.two_step_reset_at IS NULL OR m.two_step_reset_at < p.reset_at)
               THEN p.reset_at
           ELSE m.two_step_reset_at
       END AS reset_at
FROM members m
JOIN policies p ON p.organization_id = m.organization_id
LEFT JOIN two_step_enrollments e
       ON e.member_id = m.id AND e.organization_id = m.organization_id
      AND e.reset_generation = p.reset_generation;
