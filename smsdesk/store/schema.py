"""The database schema as ordered migrations. A migration is never edited once released: add a new one.

Version N's SQL takes a database from version N-1 to N. `PRAGMA user_version` holds the version.
"""

MIGRATIONS: list[tuple[int, str]] = [
    (
        1,
        """
        CREATE TABLE settings (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        -- Never a secret here: secrets live in the OS keyring, keyed by account name.
        CREATE TABLE accounts (
            name              TEXT PRIMARY KEY,
            provider          TEXT NOT NULL,
            username          TEXT,
            sender            TEXT,
            base_url          TEXT,
            options           TEXT NOT NULL DEFAULT '{}',   -- JSON object, provider-specific
            price_per_segment REAL,
            max_per_minute    INTEGER,
            created_at        TEXT NOT NULL
        );
        CREATE TABLE opt_outs (
            phone    TEXT PRIMARY KEY,                      -- E.164
            added_at TEXT NOT NULL,
            source   TEXT                                   -- "manual", a file name, "reply STOP"...
        );
        """,
    ),
    (
        2,
        """
        CREATE TABLE campaigns (
            id           TEXT PRIMARY KEY,
            name         TEXT NOT NULL,
            created_at   TEXT NOT NULL,
            account      TEXT NOT NULL,
            provider     TEXT NOT NULL,
            source_file  TEXT,
            sheet        TEXT,
            template     TEXT NOT NULL,
            country      TEXT,
            phone_column TEXT,
            columns      TEXT NOT NULL DEFAULT '[]',        -- JSON list of the file's column names
            state        TEXT NOT NULL DEFAULT 'ready',     -- ready|running|paused|stopped|finished
            stop_reason  TEXT,
            updated_at   TEXT
        );
        -- The send journal: one row per recipient. A row is written 'sending' and committed before its request
        -- leaves; a row found 'sending' when a campaign is opened again becomes 'unknown'.
        CREATE TABLE messages (
            id          INTEGER PRIMARY KEY,
            campaign_id TEXT NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
            row         INTEGER NOT NULL,                   -- spreadsheet row number as Excel shows it
            phone       TEXT NOT NULL,                      -- E.164
            fields      TEXT NOT NULL DEFAULT '{}',         -- JSON: the recipient's columns
            text        TEXT NOT NULL,
            encoding    TEXT NOT NULL,
            segments    INTEGER NOT NULL,
            state       TEXT NOT NULL DEFAULT 'pending'
                        CHECK (state IN ('pending','sending','sent','failed','skipped','unknown')),
            message_id  TEXT,
            cost        REAL,
            error       TEXT,
            error_kind  TEXT,
            attempts    INTEGER NOT NULL DEFAULT 0,
            delivery    TEXT,                               -- delivered|failed|pending, from delivery status
            delivery_at TEXT,
            created_at  TEXT NOT NULL,
            sending_at  TEXT,
            done_at     TEXT,
            UNIQUE (campaign_id, phone)
        );
        CREATE INDEX messages_by_state ON messages (campaign_id, state);
        """,
    ),
]

SCHEMA_VERSION = MIGRATIONS[-1][0]
