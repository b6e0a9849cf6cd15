package vn.bluezone.portal.events;

import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import vn.bluezone.portal.access.GrantToken;
import vn.bluezone.portal.access.GrantTokens;

/**
 * Verifies a grant token and redeems it once, durably: signature, expiry, venue and device are checked,
 * then the caller's proof (the RADIUS password), then a {@link GrantRedemption} goes through the
 * {@link EventWriter}; the answer comes only once that is stored, and a token already redeemed, on any
 * node, is refused. Used by the RADIUS server and by the generic gateways' redeem API.
 * (It lives here rather than in {@code access}, which events already depends on.)
 */
public final class GrantRedeemer {

    /** What became of a token. The first four mirror {@link GrantTokens.Problem}. */
    public enum Status { REDEEMED, INVALID, EXPIRED, WRONG_DEVICE, WRONG_VENUE, WRONG_PASSWORD, USED }

    /**
     * @param status what became of the token
     * @param language the visitor's language from the token, empty when the token could not be read
     */
    public record Result(Status status, String language) {
        public boolean redeemed() {
            return status == Status.REDEEMED;
        }
    }

    private final GrantTokens tokens;
    private final DurableWriter writer;
    private final InstantSource clock;

    public GrantRedeemer(GrantTokens tokens, DurableWriter writer, InstantSource clock) {
        this.tokens = tokens;
        this.writer = writer;
        this.clock = clock;
    }

    /**
     * @param userName the token as presented
     * @param venue the venue of the gateway or NAS presenting it
     * @param deviceKey the key of the device it is presented for, or null when unknown (refused)
     * @param redeemedBy the NAS or gateway presenting it, as stored with the redemption
     * @param proof checks whatever else the caller holds against the verified token (RADIUS: the password)
     * @return completes once the redemption is durable (or at once when refused); fails if the store could
     *     not take it ({@link EventWriter.BusyException}, {@link StoreUnavailableException})
     */
    public CompletableFuture<Result> redeem(String userName, String venue, String deviceKey, String redeemedBy,
            Predicate<GrantToken> proof) {
        GrantTokens.Checked checked = tokens.check(userName, venue, deviceKey);
        String language = checked.language();
        if (!checked.ok()) {
            Status status = switch (checked.problem()) {
                case INVALID -> Status.INVALID;
                case EXPIRED -> Status.EXPIRED;
                case WRONG_DEVICE -> Status.WRONG_DEVICE;
                case WRONG_VENUE -> Status.WRONG_VENUE;
            };
            return CompletableFuture.completedFuture(new Result(status, language));
        }
        if (!proof.test(checked.token())) {
            return CompletableFuture.completedFuture(new Result(Status.WRONG_PASSWORD, language));
        }
        return writer.record(new GrantRedemption(clock.instant(), checked.token().nonce(), venue, redeemedBy, deviceKey))
                .thenApply(outcome -> new Result(outcome == EventWriter.Outcome.STORED ? Status.REDEEMED : Status.USED, language));
    }
}
