-- Per-initiative random de-duplication and eID subkeys (issue 20, ADR 0011): the keys
-- themselves live sealed in `retention.keys_dir/initiative-N.keys`, outside the database;
-- this table names which key id each initiative uses, so every node agrees (a node without
-- the file refuses rather than make tags under another key), and when it was destroyed.
--
-- key_id NULL: the initiative keeps the shared de-duplication secret (its tags were made
-- under it before this migration). Every initiative stored now is such a one; initiatives
-- created later get random subkeys on first use.
CREATE TABLE initiative_keys (
    initiative_id   BIGINT PRIMARY KEY,
    key_id          TEXT,
    created_at_ms   BIGINT  NOT NULL,
    destroyed_at_ms BIGINT
);

INSERT INTO initiative_keys (initiative_id, key_id, created_at_ms)
    SELECT initiative_id, NULL, updated_at_ms FROM initiatives;
