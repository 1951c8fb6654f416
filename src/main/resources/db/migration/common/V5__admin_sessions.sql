-- Admin sessions and the login throttle, in the database so that any instance serves any admin request (issue 19).
-- A session is kept as the SHA-256 of its token: reading this table does not give anyone a live session.
CREATE TABLE admin_session (
    token_hash   VARCHAR(64)  PRIMARY KEY,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX admin_session_expires ON admin_session (expires_at);
-- One row per client address with recent wrong passwords, and the row '*' for the account as a whole.
CREATE TABLE login_failure (
    client       VARCHAR(100) PRIMARY KEY,
    failures     INT          NOT NULL,
    locked_until TIMESTAMP WITH TIME ZONE NOT NULL,
    last_attempt TIMESTAMP WITH TIME ZONE NOT NULL
);
INSERT INTO login_failure (client, failures, locked_until, last_attempt)
    VALUES ('*', 0, TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00', TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00');
