-- Destruction at the retention deadline as a recorded state (issue 20, docs/SECURITY.md):
-- a row is written before the first delete and marked finished only once the destruction
-- certificate is in the audit trail, so a run that stopped between the delete and the
-- compaction is finished by the next one. The counts sum what the deletes removed over
-- retries, for the certificate. No signer's data: identifiers of initiatives, times, counts.
CREATE TABLE destructions (
    initiative_id   BIGINT PRIMARY KEY,
    started_at_ms   BIGINT  NOT NULL,
    statements      BIGINT  NOT NULL DEFAULT 0,
    aliases         BIGINT  NOT NULL DEFAULT 0,
    eid_subjects    BIGINT  NOT NULL DEFAULT 0,
    mail_addresses  BIGINT  NOT NULL DEFAULT 0,
    completed_at_ms BIGINT
);
