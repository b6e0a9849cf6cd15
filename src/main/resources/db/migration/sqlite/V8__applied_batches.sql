-- Batches replayed from a node's spool file (events kept on local disk while the database could not take them):
-- per spool file, the highest batch sequence applied. Updated in the same transaction as the batch's events, so a
-- batch replayed again after a crash finds itself applied and is skipped: nothing is stored twice. Spool files
-- replay their batches in sequence order; each file has a new random id. One row per spool file.
CREATE TABLE applied_batch (
    spool         TEXT    PRIMARY KEY,   -- the spool file's UUID
    last_sequence INTEGER NOT NULL
) WITHOUT ROWID;
