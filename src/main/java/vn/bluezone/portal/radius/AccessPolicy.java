package vn.bluezone.portal.radius;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.bluezone.portal.access.DeviceKeys;
import vn.bluezone.portal.access.GrantTokens;
import vn.bluezone.portal.access.ReturningDevices;
import vn.bluezone.portal.config.VenueSettings;
import vn.bluezone.portal.events.DurableWriter;
import vn.bluezone.portal.events.GrantRedeemer;
import vn.bluezone.portal.events.StoreUnavailableException;
import vn.bluezone.portal.ops.RepeatedWarning;
import vn.bluezone.portal.venue.Venues;

/**
 * Decides Access-Requests. Two kinds of login are accepted:
 * <ul>
 * <li>a grant token (the gateway logs the visitor in after the notice): signature, expiry, venue and
 * device checked, the password checked as PAP or CHAP, and the token redeemed once, durably, before the
 * accept is sent;</li>
 * <li>MAC authentication (User-Name is the device's MAC, as NAS devices ask before redirecting): accepted
 * while the device's last acknowledgement of the notice is within the venue's reminder interval, and the
 * session ends when the notice is due again.</li>
 * </ul>
 * Anything else is rejected with a message telling the visitor to open the notice; so is a MAC the store cannot
 * tell about while it is down (the notice is shown rather than nobody let on).
 */
final class AccessPolicy {
    private static final Logger log = LoggerFactory.getLogger(AccessPolicy.class);
    private final DeviceKeys deviceKeys;
    private final ReturningDevices returning;
    private final Venues venues;
    private final GrantRedeemer redeemer;
    private final ReplyMessages messages;
    private final InstantSource clock;
    private final RepeatedWarning storeDown;

    AccessPolicy(GrantTokens tokens, DeviceKeys deviceKeys, ReturningDevices returning, Venues venues, DurableWriter writer,
            ReplyMessages messages, InstantSource clock) {
        this.deviceKeys = deviceKeys;
        this.returning = returning;
        this.venues = venues;
        this.redeemer = new GrantRedeemer(tokens, writer, clock);
        this.messages = messages;
        this.clock = clock;
        this.storeDown = RepeatedWarning.perMinute(log, clock);
    }

    CompletionStage<Decision> decide(RadiusRequest request, NasClient nas) {
        VenueSettings venue = venues.get(nas.venue());
        Optional<String> callingMac = DeviceKeys.normalizeMac(request.callingStationId());
        if (GrantTokens.looksLikeToken(request.userName())) {
            return grant(request, nas, venue, callingMac.map(deviceKeys::forMac).orElse(null));
        }
        Optional<String> userMac = DeviceKeys.normalizeMac(request.userName());
        if (userMac.isPresent() && (callingMac.isEmpty() || callingMac.equals(userMac))) {
            return CompletableFuture.completedFuture(macAuthentication(deviceKeys.forMac(userMac.get()), venue));
        }
        return CompletableFuture.completedFuture(reject("unknown user", ReplyMessages.Kind.SEE_NOTICE, null));
    }

    private CompletionStage<Decision> grant(RadiusRequest request, NasClient nas, VenueSettings venue, String deviceKey) {
        return redeemer.redeem(request.userName(), venue.code(), deviceKey, nas.name(), token -> passwordMatches(request, token.password()))
                .<Decision>thenApply(result -> switch (result.status()) {
                    case REDEEMED -> new Decision.Accept(venue.limits().sessionTimeout(), venue.limits());
                    case EXPIRED -> reject("grant token EXPIRED", ReplyMessages.Kind.EXPIRED, result.language());
                    case INVALID, WRONG_DEVICE, WRONG_VENUE ->
                            reject("grant token " + result.status(), ReplyMessages.Kind.SEE_NOTICE, result.language());
                    case WRONG_PASSWORD -> reject("grant token with a wrong password", ReplyMessages.Kind.SEE_NOTICE, result.language());
                    case USED -> reject("grant token already redeemed", ReplyMessages.Kind.USED, result.language());
                });
    }

    /** A device the store cannot tell about (it is down) is sent to the notice, as one that never acknowledged it. */
    private Decision macAuthentication(String deviceKey, VenueSettings venue) {
        Optional<Instant> due;
        try {
            due = returning.noticeDueAt(deviceKey, venue.remindEvery());
        } catch (StoreUnavailableException e) {
            storeDown.warn("cannot tell whether a device acknowledged the notice, sending it to the notice: {}", e.getMessage());
            return reject("the store cannot tell whether the device acknowledged the notice", ReplyMessages.Kind.SEE_NOTICE, null);
        }
        if (due.isEmpty()) {
            return reject("the device has not acknowledged the notice within the reminder interval", ReplyMessages.Kind.SEE_NOTICE, null);
        }
        Duration untilDue = Duration.between(clock.instant(), due.get());
        Duration timeout = untilDue.compareTo(venue.limits().sessionTimeout()) < 0 ? untilDue : venue.limits().sessionTimeout();
        return new Decision.Accept(timeout, venue.limits());
    }

    /** PAP: the decrypted password; CHAP: MD5(identifier, password, challenge) (RFC 1994). Both in constant time. */
    static boolean passwordMatches(RadiusRequest request, String password) {
        byte[] expected = password.getBytes(StandardCharsets.UTF_8);
        if (request.papPassword() != null) {
            return MessageDigest.isEqual(request.papPassword().getBytes(StandardCharsets.UTF_8), expected);
        }
        byte[] chap = request.chapPassword();
        if (chap == null || chap.length != 17) {
            return false;
        }
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update(chap[0]);
            md5.update(expected);
            md5.update(request.chapChallenge());
            byte[] response = new byte[16];
            System.arraycopy(chap, 1, response, 0, 16);
            return MessageDigest.isEqual(md5.digest(), response);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("MD5 is missing from this JVM", e);
        }
    }

    private Decision.Reject reject(String reason, ReplyMessages.Kind kind, String language) {
        log.debug("Access-Reject: {}", reason);
        return new Decision.Reject(reason, messages.text(kind, language == null || language.isEmpty() ? null : language));
    }
}
