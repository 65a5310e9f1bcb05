-- Initiatives set up in the console or by `ocs initiative create` (docs/CONSOLE.md).
--
-- The definition (register data, texts per language, organisers, privacy notice, storage
-- country, recipient public keys) is one JSON document owned by ocs-service; the unique
-- columns beside it let the database refuse a second initiative with the same number, slug
-- or registration number. Public keys only: no private key is ever stored.
CREATE TABLE initiatives (
    initiative_id       BIGINT PRIMARY KEY,
    slug                TEXT    NOT NULL UNIQUE,
    registration_number TEXT    NOT NULL UNIQUE,
    definition          TEXT    NOT NULL,
    revision            BIGINT NOT NULL,
    updated_at_ms       BIGINT NOT NULL
);
