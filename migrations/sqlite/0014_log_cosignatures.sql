-- Witness cosignatures of the tally log's checkpoints (ADR 0007, witnesses; issue 17
-- item 7). A configured witness posts its C2SP cosignature/v1 line for a checkpoint; the
-- service checks it against the witness's key and the checkpoint before storing it here,
-- and `/log/{slug}/checkpoint` serves the latest checkpoint with the lines of its size.
-- One row per witness and checkpoint: a later cosignature of the same checkpoint replaces
-- an earlier one. Public data, like the checkpoints.
CREATE TABLE log_cosignatures (
    initiative_id  INTEGER NOT NULL,
    tree_size      INTEGER NOT NULL,
    witness        TEXT    NOT NULL,
    line           TEXT    NOT NULL,
    cosigned_at    INTEGER NOT NULL,
    received_at_ms INTEGER NOT NULL,
    PRIMARY KEY (initiative_id, tree_size, witness)
);
