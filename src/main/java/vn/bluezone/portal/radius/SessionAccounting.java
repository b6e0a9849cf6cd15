package vn.bluezone.portal.radius;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import vn.bluezone.portal.access.DeviceKeys;
import vn.bluezone.portal.events.AccountingRecord;
import vn.bluezone.portal.events.DurableWriter;

/**
 * Turns Accounting-Requests into {@link AccountingRecord}s and hands them to the event writer; the
 * Accounting-Response is sent only once the record is durable (RFC 2866 section 2).
 */
final class SessionAccounting {
    static final int START = 1;
    static final int STOP = 2;
    static final int INTERIM_UPDATE = 3;
    static final int ACCOUNTING_ON = 7;
    static final int ACCOUNTING_OFF = 8;

    private final DeviceKeys deviceKeys;
    private final DurableWriter writer;
    private final InstantSource clock;

    SessionAccounting(DeviceKeys deviceKeys, DurableWriter writer, InstantSource clock) {
        this.deviceKeys = deviceKeys;
        this.writer = writer;
        this.clock = clock;
    }

    /** Completes when the request is durable (or needs no storing); fails if it could not be stored. */
    CompletionStage<?> account(RadiusRequest request, NasClient nas, InetSocketAddress source) {
        RadiusRequest.Accounting a = request.accounting();
        AccountingRecord.Status status = switch (a.statusType()) {
            case START -> AccountingRecord.Status.START;
            case STOP -> AccountingRecord.Status.STOP;
            case INTERIM_UPDATE -> AccountingRecord.Status.INTERIM;
            case ACCOUNTING_ON -> AccountingRecord.Status.NAS_ON;
            case ACCOUNTING_OFF -> AccountingRecord.Status.NAS_OFF;
            default -> null;
        };
        if (status == null || !status.isNasWide() && a.sessionId().isEmpty()) {
            // nothing this portal keeps (e.g. Failed, or a record without a session): acknowledged, not stored
            return CompletableFuture.completedFuture(null);
        }
        Instant at = clock.instant().minusSeconds(Math.min(a.delaySeconds(), 86_400));
        String deviceKey = status.isNasWide() ? "" : deviceKey(request);
        return writer.record(new AccountingRecord(at, status, nas.name(), source.getAddress().getHostAddress(), nas.venue(),
                status.isNasWide() ? "" : a.sessionId(), deviceKey, a.sessionSeconds(), a.inputOctets(), a.outputOctets(),
                status == AccountingRecord.Status.STOP ? a.terminateCause() : ""));
    }

    private String deviceKey(RadiusRequest request) {
        Optional<String> mac = DeviceKeys.normalizeMac(request.callingStationId()).or(() -> DeviceKeys.normalizeMac(request.userName()));
        return mac.map(deviceKeys::forMac).orElse("unknown");
    }
}
