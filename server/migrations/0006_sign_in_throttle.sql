-- Issue 11: failed sign-ins are throttled per (email, client address) and per client address,
-- with waits that grow. A counter is stored under a keyed hash (HMAC with the server's secret
-- key) of what it counts, never the email itself: one row per key, updated in place, deleted
-- once its window is over, so a flood of attempts adds at most one small row per key.
DROP TABLE sign_in_failures;

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
