-- PostgreSQL twin of db/migration/sqlite/V4.

-- Staff accounts: operators, venue users, the provincial authority. Passwords as Argon2id hashes.
CREATE TABLE staff_user (
    username      TEXT COLLATE "C" PRIMARY KEY,       -- [a-z0-9._-]{3,32}
    role          TEXT COLLATE "C" NOT NULL,          -- operator | venue | authority
    venues        TEXT COLLATE "C" NOT NULL,          -- venue codes separated by ',' (venue users only; codes have no ',')
    password_hash TEXT COLLATE "C" NOT NULL,
    created_ms    BIGINT           NOT NULL
);

-- Signed-in browsers. The cookie's session id is never stored: id_digest is its SHA-256 (hex).
CREATE TABLE login_session (
    id_digest    TEXT COLLATE "C" PRIMARY KEY,
    username     TEXT COLLATE "C" NOT NULL,
    csrf_token   TEXT COLLATE "C" NOT NULL,
    created_ms   BIGINT           NOT NULL,
    last_seen_ms BIGINT           NOT NULL
);

CREATE INDEX login_session_by_user ON login_session (username);

-- One API token per user, stored as the SHA-256 (hex) of the token shown once.
CREATE TABLE api_token (
    token_digest TEXT COLLATE "C" PRIMARY KEY,
    username     TEXT COLLATE "C" NOT NULL UNIQUE,
    created_ms   BIGINT           NOT NULL
);
