-- eID person identifiers that have signed, per initiative (docs/adr/0005-eid-dedup.md).
--
-- Only a keyed hash (HMAC-SHA256 under the de-duplication key, like dedup_tag) of the eID's
-- persistent identifier is stored, never the identifier; no link to the statement row.
CREATE TABLE eid_subjects (
    initiative_id BIGINT NOT NULL,
    subject_tag   BYTEA  NOT NULL,
    PRIMARY KEY (initiative_id, subject_tag)
);
