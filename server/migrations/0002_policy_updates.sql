-- Issue 3: policy updates reset every member's two-step verification when the primary method
-- changes. A member whose setup was reset must set it up again at their next sign-in;
-- two_step_reset_at records when that was asked of them (NULL: never reset).

ALTER TABLE members ADD COLUMN two_step_reset_at INTEGER NULL;
