-- Issue 10: sign-in obeys the policy. Members set up and use two-step verification.
--
-- Nothing secret is stored in clear: TOTP keys and phone numbers are sealed (columns *_sealed,
-- XChaCha20-Poly1305 under the server's secret key); recovery codes, one-time codes and the
-- tokens of cookies and approval links are stored as digests (*_hash).

-- A member's setup: the authenticator app's key and the last step whose code was accepted
-- (a code is accepted once only), or the phone number of SMS verification.
ALTER TABLE two_step_enrollments ADD COLUMN totp_key_sealed TEXT NULL;
ALTER TABLE two_step_enrollments ADD COLUMN totp_last_step INTEGER NULL;
ALTER TABLE two_step_enrollments ADD COLUMN phone_sealed TEXT NULL;

-- Ten single-use codes per member with a setup; regenerating replaces them all.
CREATE TABLE recovery_codes (
    id INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL,
    used_at INTEGER NULL
);
CREATE INDEX recovery_codes_by_member ON recovery_codes (member_id);

-- Pending second steps: a sign-in whose password was right, or a password change, waiting for
-- the second step. Keyed by the SHA-256 of the twostep_pending cookie. The challenge columns
-- (method .. push_decision) hold what start sent; attempts counts the wrong answers.
CREATE TABLE pending_second_steps (
    id_hash TEXT PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    organization_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    purpose TEXT NOT NULL,
    step TEXT NOT NULL,
    csrf_token TEXT NOT NULL,
    -- For a password change: the session that asked, and the new password's Argon2 hash.
    session_id_hash TEXT NULL,
    new_password_hash TEXT NULL,
    method TEXT NULL,
    totp_key_sealed TEXT NULL,
    phone_sealed TEXT NULL,
    code_hash TEXT NULL,
    code_expires_at INTEGER NULL,
    last_sent_at INTEGER NULL,
    push_token_hash TEXT NULL UNIQUE,
    push_decision TEXT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX pending_second_steps_by_expiry ON pending_second_steps (expires_at);

-- The set-ups in progress from My account, one per session, with the same challenge columns.
CREATE TABLE account_set_ups (
    session_id_hash TEXT PRIMARY KEY REFERENCES sessions (id_hash) ON DELETE CASCADE,
    member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    method TEXT NULL,
    totp_key_sealed TEXT NULL,
    phone_sealed TEXT NULL,
    code_hash TEXT NULL,
    code_expires_at INTEGER NULL,
    last_sent_at INTEGER NULL,
    push_token_hash TEXT NULL UNIQUE,
    push_decision TEXT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);

-- Wrong answers per member, across pending steps, counted over a 15-minute window.
CREATE TABLE second_step_failures (
    id INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    at INTEGER NOT NULL
);
CREATE INDEX second_step_failures_by_member ON second_step_failures (member_id, at);
