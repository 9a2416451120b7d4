-- The initial schema of the reference backend.
-- Timestamps are INTEGER unix seconds (UTC); flags are INTEGER 0/1; enumerations are TEXT holding
-- the contract's snake_case values. Every tenant table carries organization_id.

CREATE TABLE organizations (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE TABLE technician_groups (
    id INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    parent_id INTEGER REFERENCES technician_groups (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    force_two_step INTEGER NOT NULL DEFAULT 0,
    revision INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX technician_groups_by_organization ON technician_groups (organization_id, parent_id);

CREATE TABLE members (
    id INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    email TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    is_master_administrator INTEGER NOT NULL DEFAULT 0,
    is_account_holder INTEGER NOT NULL DEFAULT 0,
    is_administrator INTEGER NOT NULL DEFAULT 0,
    is_technician INTEGER NOT NULL DEFAULT 0,
    technician_group_id INTEGER REFERENCES technician_groups (id) ON DELETE SET NULL,
    technician_console_version TEXT,
    created_at INTEGER NOT NULL
);
CREATE INDEX members_by_organization ON members (organization_id, name);
CREATE INDEX members_by_group ON members (technician_group_id);

CREATE TABLE administrator_group_assignments (
    organization_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    group_id INTEGER NOT NULL REFERENCES technician_groups (id) ON DELETE CASCADE,
    PRIMARY KEY (member_id, group_id)
);
CREATE INDEX administrator_group_assignments_by_group ON administrator_group_assignments (group_id);

CREATE TABLE policies (
    organization_id INTEGER PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
    administrators TEXT NOT NULL,
    technicians TEXT NOT NULL,
    primary_method TEXT NOT NULL,
    revision INTEGER NOT NULL DEFAULT 1,
    updated_at INTEGER NOT NULL
);

CREATE TABLE two_step_enrollments (
    member_id INTEGER PRIMARY KEY REFERENCES members (id) ON DELETE CASCADE,
    method TEXT NOT NULL,
    enrolled_at INTEGER NOT NULL
);

CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    organization_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);

CREATE TABLE sign_in_failures (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL,
    at INTEGER NOT NULL
);
CREATE INDEX sign_in_failures_by_email ON sign_in_failures (email, at);

CREATE TABLE audit_events (
    id INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    actor_member_id INTEGER REFERENCES members (id) ON DELETE SET NULL,
    at INTEGER NOT NULL,
    kind TEXT NOT NULL,
    before TEXT,
    after TEXT,
    detail TEXT
);
CREATE INDEX audit_events_by_organization ON audit_events (organization_id, at);
