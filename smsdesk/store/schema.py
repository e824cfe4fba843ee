"""The database schema as ordered migrations. A migration is never edited once released: add a new one.

Version N's SQL takes a database from version N-1 to N. `PRAGMA user_version` holds the version.

The SQL here and in the store runs on SQLite 3.24 or newer (MIN_SQLITE_VERSION: `INSERT ... ON CONFLICT DO
UPDATE`, the newest feature used), one statement for every version: no path depends on the SQLite at hand.
"""

import sqlite3

MIN_SQLITE_VERSION = (3, 24, 0)


def sqlite_too_old() -> str | None:
    """A sentence for the user when this Python's SQLite is older than the store needs, else None."""
    if sqlite3.sqlite_version_info >= MIN_SQLITE_VERSION:
        return None
    wanted = ".".join(map(str, MIN_SQLITE_VERSION))
    return (
        f"SMSDesk needs SQLite {wanted} or newer; this Python has SQLite {sqlite3.sqlite_version}. "
        "Install a newer Python (python.org builds bring their own SQLite)."
    )


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
            id           TEXT PRIMARY KEY,                  -- "2026-11-22-001": the day it was made and a counter
            kind         TEXT NOT NULL DEFAULT 'campaign',  -- campaign|test (a test send to the user's own number)
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
            price_per_segment REAL,                         -- the account's price when the campaign was made
            -- ready|running|paused|cancelled|stopped|finished|discarded. Only a running sender writes 'running';
            -- one found 'running' without its sender was interrupted (the journal rows say how far it got).
            state        TEXT NOT NULL DEFAULT 'ready',
            stop_reason  TEXT,
            updated_at   TEXT,
            -- JSON {counts, segments, cost}, frozen when the campaign closes (finished, discarded), so the history
            -- list never re-counts the rows of old campaigns; NULL while it is open.
            totals       TEXT
        );
        -- The send journal: one row per row of the user's file. A row is written 'sending' and committed before its
        -- request leaves; a row found 'sending' when a campaign is opened again becomes 'unknown'. Rows the plan
        -- excluded (invalid, duplicate, opted out) are kept as 'skipped' with their reason, so exports show everyone.
        CREATE TABLE messages (
            id          INTEGER PRIMARY KEY,
            campaign_id TEXT NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
            row         INTEGER NOT NULL,                   -- spreadsheet row number as Excel shows it
            phone       TEXT NOT NULL,                      -- E.164; for a skipped row, the cell as written
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
            attempts    INTEGER NOT NULL DEFAULT 0,         -- requests that carried this row
            delivery    TEXT,                               -- delivered|failed|pending, from delivery status
            delivery_at TEXT,
            created_at  TEXT NOT NULL,
            sending_at  TEXT,
            done_at     TEXT
        );
        -- Deliberately no index on state: every message changes state twice while sending, and an index on it
        -- would double the journal's cost per message. A campaign's rows are found by campaign, in rowid order
        -- (= file order = send order); counting or filtering its states scans only that campaign's rows.
        CREATE INDEX messages_by_campaign ON messages (campaign_id);
        -- One message per number per campaign: the database itself refuses a second row that could be sent.
        -- Rows to send have segments >= 1; rows the plan excluded have 0 (a duplicate is excluded by its number).
        -- The condition is on a column that never changes, so sending never has to touch this index.
        CREATE UNIQUE INDEX messages_one_per_phone ON messages (campaign_id, phone) WHERE segments > 0;
        """,
    ),
    (
        3,
        """
        -- The journal in three parts, each written as often as it changes:
        --   messages        what to send, one row per row of the file: written once, when the campaign is made;
        --   message_status  what became of it: a narrow row per message, written when its answer is recorded;
        --   claims          one row per request in flight, written and synced to disk BEFORE the request leaves.
        -- A message is 'pending' while it has no status row (or one saying pending: put back for a retry),
        -- 'sending' while a claim holds it, and has its final state in message_status once its answer is recorded
        -- (in the same commit that deletes the claim). Claiming a request is one small insert, and recording an
        -- answer writes a narrow row (~60 bytes) instead of rewriting the whole message with its text and fields:
        -- version 2 rewrote each wide row twice per send, a third of the engine's time at 500 per request.
        CREATE TABLE message_status (
            id          INTEGER PRIMARY KEY,                -- = messages.id
            state       TEXT NOT NULL CHECK (state IN ('pending','sent','failed','skipped','unknown')),
            message_id  TEXT,
            cost        REAL,
            error       TEXT,
            error_kind  TEXT,
            attempts    INTEGER NOT NULL DEFAULT 0,         -- requests that carried this message
            sending_at  TEXT,                               -- when the last request carrying it was claimed
            done_at     TEXT,
            delivery    TEXT,                               -- delivered|failed|pending, from delivery status
            delivery_at TEXT
        );
        CREATE TABLE claims (
            id          INTEGER PRIMARY KEY,
            campaign_id TEXT NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
            rows        TEXT NOT NULL,                      -- JSON array of the messages.id the request carries
            size        INTEGER NOT NULL,
            claimed_at  TEXT NOT NULL
        );
        -- No index: a claim lives only while its request is out, so the table holds a few rows at most, and an
        -- index would be one more page to write and sync with every claim.

        INSERT INTO message_status (id, state, message_id, cost, error, error_kind, attempts, sending_at, done_at,
                                    delivery, delivery_at)
            SELECT id, CASE state WHEN 'sending' THEN 'pending' ELSE state END, message_id, cost, error, error_kind,
                   CASE state WHEN 'sending' THEN attempts - 1 ELSE attempts END, sending_at, done_at, delivery,
                   delivery_at
            FROM messages
            WHERE state <> 'pending' OR attempts > 0 OR error IS NOT NULL;
        -- Rows version 2 left 'sending' (a crash) become a claim: recovery makes them 'unknown' as it always did.
        INSERT INTO claims (campaign_id, rows, size, claimed_at)
            SELECT campaign_id, '[' || group_concat(id) || ']', COUNT(*), MAX(COALESCE(sending_at, created_at))
            FROM messages WHERE state = 'sending' GROUP BY campaign_id;

        CREATE TABLE messages_v3 (
            id          INTEGER PRIMARY KEY,
            campaign_id TEXT NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
            row         INTEGER NOT NULL,                   -- spreadsheet row number as Excel shows it
            phone       TEXT NOT NULL,                      -- E.164; for a skipped row, the cell as written
            fields      TEXT NOT NULL DEFAULT '{}',         -- JSON: the recipient's columns
            text        TEXT NOT NULL,
            encoding    TEXT NOT NULL,
            segments    INTEGER NOT NULL,                   -- 0 for rows the plan excluded
            created_at  TEXT NOT NULL
        );
        INSERT INTO messages_v3 (id, campaign_id, row, phone, fields, text, encoding, segments, created_at)
            SELECT id, campaign_id, row, phone, fields, text, encoding, segments, created_at FROM messages;
        DROP TABLE messages;
        ALTER TABLE messages_v3 RENAME TO messages;
        -- A campaign's rows are found by campaign, in rowid order (= file order = send order).
        CREATE INDEX messages_by_campaign ON messages (campaign_id);
        -- One message per number per campaign: the database itself refuses a second row that could be sent.
        CREATE UNIQUE INDEX messages_one_per_phone ON messages (campaign_id, phone) WHERE segments > 0;
        """,
    ),
    (
        4,
        """
        -- A message's state is one column, 'sending' included: every message has a status row from the moment its
        -- campaign is made, and every change of state is an UPDATE of that row (store/claims.py, the one place
        -- that changes it). Version 3 kept 'sending' in a claims table holding JSON lists of message ids.
        CREATE TABLE message_status_v4 (
            id          INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
            state       TEXT NOT NULL DEFAULT 'pending'
                        CHECK (state IN ('pending','sending','sent','failed','skipped','unknown')),
            message_id  TEXT,
            cost        REAL,
            error       TEXT,
            error_kind  TEXT,
            attempts    INTEGER NOT NULL DEFAULT 0,         -- requests that carried this message
            sending_at  TEXT,                               -- when the last request carrying it was claimed
            done_at     TEXT,
            delivery    TEXT,                               -- delivered|failed|pending, from delivery status
            delivery_at TEXT
        );
        INSERT INTO message_status_v4 (id, state, message_id, cost, error, error_kind, attempts, sending_at, done_at,
                                       delivery, delivery_at)
            SELECT s.id, s.state, s.message_id, s.cost, s.error, s.error_kind, s.attempts, s.sending_at, s.done_at,
                   s.delivery, s.delivery_at
            FROM message_status AS s JOIN messages ON messages.id = s.id;
        INSERT INTO message_status_v4 (id, state)
            SELECT id, 'pending' FROM messages WHERE id NOT IN (SELECT id FROM message_status);
        -- The messages version 3's claims held (a crash left them out) become 'sending', as they were: recovery
        -- makes them 'unknown'. A claim's ids are a list "[1,2,3]"; split here with plain string functions.
        WITH RECURSIVE held(rest, id, claimed_at) AS (
            SELECT trim(rows, '[] ') || ',', NULL, claimed_at FROM claims
            UNION ALL
            SELECT substr(rest, instr(rest, ',') + 1), CAST(trim(substr(rest, 1, instr(rest, ',') - 1)) AS INTEGER),
                   claimed_at
            FROM held WHERE rest <> ''
        )
        UPDATE message_status_v4
            SET state = 'sending', attempts = attempts + 1,
                sending_at = (SELECT MAX(claimed_at) FROM held WHERE held.id = message_status_v4.id)
            WHERE state = 'pending' AND id IN (SELECT id FROM held WHERE id IS NOT NULL);
        DROP TABLE message_status;
        DROP TABLE claims;
        ALTER TABLE message_status_v4 RENAME TO message_status;
        -- Messages out on a request are few (the requests in flight): this index holds only those, so finding
        -- what a crash left 'sending' reads a few rows, not the whole history.
        CREATE INDEX message_status_sending ON message_status (state) WHERE state = 'sending';
        """,
    ),
    # -- Scheduling (issue 16). Self-contained on purpose: it only adds columns, so it can be renumbered to follow
    # -- whatever migration lands before it without touching its SQL.
    (
        5,
        """
        -- When a campaign is to go out. NULL: at once. ISO 8601 with the offset the user meant it in.
        ALTER TABLE campaigns ADD COLUMN scheduled_at TEXT;
        -- Who keeps the time: 'provider' (handed over at once with the time; the computer may be off) or 'app'
        -- (SMSDesk sends it when due: while the app is open, or `smsdesk campaigns run-due`). NULL when not scheduled.
        ALTER TABLE campaigns ADD COLUMN scheduled_by TEXT;
        -- Quiet hours for this campaign: 'HH:MM-HH:MM', 'off', or NULL for the user's setting (default 20:00-08:00).
        ALTER TABLE campaigns ADD COLUMN quiet_hours TEXT;
        """,
    ),
]

SCHEMA_VERSION = MIGRATIONS[-1][0]
