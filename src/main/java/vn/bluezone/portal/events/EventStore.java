package vn.bluezone.portal.events;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Durable storage of events (impressions, grant redemptions, accounting). Implementations live in {@code store/}. */
public interface EventStore {

    /**
     * Stores a batch in one transaction and makes it durable before returning.
     *
     * @return for each event, whether it was stored; {@code false} means a replay: an acknowledgement whose
     *     visit nonce, or a grant redemption whose token nonce, was already stored, which is not stored again
     * @throws StoreUnavailableException if the batch could not be made durable; nothing of it is stored
     */
    boolean[] append(List<? extends Event> batch);

    /**
     * Stores a batch replayed from a spool file, exactly once: in one transaction, the batch's events and the
     * fact that {@code id} was applied; if this batch, or a later one of the same spool, was applied before,
     * nothing is stored. The batches of one spool come in sequence order.
     *
     * @return for each event, as for {@link #append}; empty if the batch had already been applied
     * @throws StoreUnavailableException if the batch could not be made durable; nothing of it is stored
     */
    Optional<boolean[]> appendOnce(BatchId id, List<? extends Event> batch);

    /** Counts per local day and kind for one venue, days {@code from..to} inclusive, ordered by day and kind. */
    List<DailyCount> countByDay(String venue, LocalDate from, LocalDate to);

    /** Whether the store answers a trivial query right now. */
    boolean isReachable();

    /** A count of one kind of impression on one local day. */
    record DailyCount(LocalDate day, ImpressionKind kind, long count) {
    }
}
