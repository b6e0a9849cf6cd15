package vn.bluezone.portal.events;

import java.time.Instant;
import java.util.Objects;

/**
 * One RADIUS Accounting-Request as the store keeps it. Storing the same record twice changes nothing
 * (a NAS retransmits until it hears back): sessions are keyed by NAS and session id, counters only grow.
 *
 * @param at when the portal received it, less the NAS's reported delay
 * @param status what the NAS reports
 * @param nas name of the NAS client
 * @param nasAddress the address the NAS sent from (where a Disconnect-Request for the session goes)
 * @param venue venue code of the NAS
 * @param sessionId the NAS's Acct-Session-Id (empty for {@link Status#NAS_ON} and {@link Status#NAS_OFF})
 * @param deviceKey pseudonymous device key (empty for NAS_ON/NAS_OFF)
 * @param sessionSeconds Acct-Session-Time
 * @param inputOctets octets from the device, Gigawords included
 * @param outputOctets octets to the device, Gigawords included
 * @param terminateCause Acct-Terminate-Cause name on {@link Status#STOP}, otherwise empty
 */
public record AccountingRecord(
        Instant at,
        Status status,
        String nas,
        String nasAddress,
        String venue,
        String sessionId,
        String deviceKey,
        long sessionSeconds,
        long inputOctets,
        long outputOctets,
        String terminateCause) implements Event {

    /** Acct-Status-Type values the portal stores. */
    public enum Status {
        START, INTERIM, STOP,
        /** The NAS (re)started: every session it had open has ended. */
        NAS_ON,
        /** The NAS is going down: every session it had open ends now. */
        NAS_OFF;

        public boolean isNasWide() {
            return this == NAS_ON || this == NAS_OFF;
        }
    }

    public AccountingRecord {
        Objects.requireNonNull(at);
        Objects.requireNonNull(status);
        Objects.requireNonNull(nas);
        Objects.requireNonNull(nasAddress);
        Objects.requireNonNull(venue);
        Objects.requireNonNull(sessionId);
        Objects.requireNonNull(deviceKey);
        Objects.requireNonNull(terminateCause);
        if (!status.isNasWide() && sessionId.isEmpty()) {
            throw new IllegalArgumentException("a session record needs its Acct-Session-Id");
        }
    }
}
