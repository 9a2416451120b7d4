-- Failed sign-ins are throttled per (email, client address) and per client address,
-- with waits that grow. A counter is stored under a keyed hash (HMAC with the server's secret
-- key) of what it counts, never the email itself: one row per key, updated in place, deleted
-- once its window is over, so a flood of attempts adds at most one small row per key.
--
-- The old table held the emails of failed sign-ins in clear: its pages are overwritten with
-- zeros as they are freed, not left readable in the file.
PRAGMA secure_delete = ON;
DROP TABLE sign_in_failures;
PRAGMA secure_delete = OFF;

CREATE TABLE sign_in_throttle (
    key TEXT PRIMARY KEY,
    -- Failures counted in the current window (an attempt counts before its password is checked).
    failures INTEGER NOT NULL,
    -- When the last counted attempt was, in unix seconds.
    last_at INTEGER NOT NULL,
    -- When the counter is forgotten, in unix seconds.
    expires_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE INDEX sign_in_throttle_by_expiry ON sign_in_throttle (expires_at);
