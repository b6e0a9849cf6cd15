package vn.bluezone.portal.events;

import java.util.Objects;
import java.util.UUID;

/**
 * The id of a batch kept in a spool file: the spool file's own random id and the batch's place in it (1, 2, ...).
 * A store records, per spool, the highest sequence it has applied, in the same transaction as the batch,
 * so a batch replayed again after a crash is recognised and skipped.
 *
 * @param spool the spool file's id, new each time a spool file is started
 * @param sequence the batch's number within that file, from 1, increasing
 */
public record BatchId(UUID spool, long sequence) {
    public BatchId {
        Objects.requireNonNull(spool);
        if (sequence < 1) {
            throw new IllegalArgumentException("a spooled batch's sequence starts at 1");
        }
    }
}
