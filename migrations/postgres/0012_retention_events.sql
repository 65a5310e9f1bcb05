-- The events that move an initiative's destruction deadline (Reg. 2019/788 Art. 13 and
-- 19(5)) and the competent authorities' Annex VI certificates (docs/CONSOLE.md, "Retention").
--
-- retention_events: one row per initiative once something is recorded. The submission to the
-- Commission starts the one-month deadline (the submission to the national authorities is
-- the lifecycle stage `submitted` and starts nothing). hold_reason is set while a legal hold
-- stands (nothing is destroyed); lifting it clears the hold and records the day the
-- proceedings were concluded, from which the last deadline runs. Every change is audited.
CREATE TABLE retention_events (
    initiative_id            BIGINT PRIMARY KEY,
    commission_submitted_on  TEXT,
    hold_reason              TEXT,
    hold_since_ms            BIGINT,
    proceedings_concluded_on TEXT,
    updated_at_ms            BIGINT  NOT NULL
);

-- Annex VI: per member state, the number of valid statements the authority certified. A
-- corrected certificate replaces the row (both are in the audit trail).
CREATE TABLE verification_certificates (
    initiative_id    BIGINT  NOT NULL,
    country          TEXT    NOT NULL,
    valid_statements BIGINT  NOT NULL,
    authority        TEXT    NOT NULL,
    issued_on        TEXT    NOT NULL,
    recorded_at_ms   BIGINT  NOT NULL,
    PRIMARY KEY (initiative_id, country)
);
