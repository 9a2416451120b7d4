-- The generation up to which the sweeper has deleted every void setup (see migration
-- 0007). While it equals reset_generation, no setup of the organization is void, and the member
-- list skips comparing each setup's generation.

ALTER TABLE policies ADD COLUMN swept_generation INTEGER NOT NULL DEFAULT 0;
