-- Messages sent for a member's second step (codes by SMS or email, approval requests), counted
-- over a 15-minute window: each challenge waits 30 seconds between sends, and this caps them
-- across challenges, so that new sign-ins or sessions cannot make a stream of messages.
CREATE TABLE second_step_sends (
    id INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    at INTEGER NOT NULL
);
CREATE INDEX second_step_sends_by_member ON second_step_sends (member_id, at);
