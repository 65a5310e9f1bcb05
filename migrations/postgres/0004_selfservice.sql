-- Signer self-service: a keyed verifier of each receipt's secret, and receipt aliases.
--
-- `receipt_verifier` is HMAC-SHA256 of the secret printed on the signer's receipt, under a
-- server key; the secret itself is never stored. NULL for statements taken before.
--
-- A duplicate statement stores nothing countable (ADR 0003), but its submitter got a receipt
-- like anyone else. `receipt_aliases` keeps that receipt's identifier and verifier with the
-- tag it repeated, so checking it answers like checking the statement it repeated, and
-- withdrawing it removes only the alias: an answer never reveals that the person had signed
-- before, and a stranger who knows someone's data cannot withdraw that person's statement.
-- See docs/SELF-SERVICE.md.
ALTER TABLE statements ADD COLUMN receipt_verifier BYTEA;

CREATE TABLE receipt_aliases (
    statement_id     BYTEA   PRIMARY KEY,
    initiative_id    BIGINT  NOT NULL,
    dedup_tag        BYTEA   NOT NULL,
    receipt_verifier BYTEA   NOT NULL
);

CREATE INDEX receipt_aliases_by_initiative ON receipt_aliases (initiative_id);

-- Paper statements entered by the organisers (same validation and de-duplication as online
-- ones, no anti-bot proof). The flag is also inside the sealed payload; here it lets the
-- console count online and paper statements apart.
ALTER TABLE statements ADD COLUMN paper BOOLEAN NOT NULL DEFAULT FALSE;
