-- State the app nodes share besides the statements: counters, single-use claims, job leases.
--
-- SQLite serves one app node, which keeps all three in memory (counts rebuilt from the rows
-- at open; claims and leases in ocs_storage::LocalCoordination), so these tables stay empty
-- here. They exist so that both backends have the same tables and columns, which
-- migrations/columns.toml classifies once, and so a later SQLite feature may use them.
CREATE TABLE statement_counts (
    initiative_id INTEGER NOT NULL,
    nationality   TEXT    NOT NULL,
    slot          INTEGER NOT NULL CHECK (slot >= 0 AND slot < 16),
    n             INTEGER NOT NULL,
    latest_ms     INTEGER NOT NULL,
    PRIMARY KEY (initiative_id, nationality, slot)
) WITHOUT ROWID;

CREATE TABLE used_claims (
    key           BLOB    PRIMARY KEY,
    expires_at_ms INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE job_leases (
    job      TEXT    PRIMARY KEY,
    holder   TEXT    NOT NULL,
    until_ms INTEGER NOT NULL
) WITHOUT ROWID;
