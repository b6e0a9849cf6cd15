package vn.bluezone.portal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.bluezone.portal.events.AccountingRecord;
import vn.bluezone.portal.events.AccountingRecord.Status;
import vn.bluezone.portal.radius.SessionStore;
import vn.bluezone.portal.radius.SessionStore.OpenSession;

/** {@link SessionStore}: the open sessions accounting built, whichever node's RADIUS server received it. */
public abstract class SessionStoreContract extends StoreContract {

    private static AccountingRecord record(Status status, String nas, String session, String device, Instant at, long seconds) {
        return new AccountingRecord(at, status, nas, "10.0.0.1", "hue", session, device, seconds, seconds * 100, seconds * 1000,
                status == Status.STOP ? "User-Request" : "");
    }

    @Test
    void aSessionIsOpenFromItsStartUntilItsStopNewestFirst() {
        Stores a = node();
        Stores b = node();
        a.events().append(List.of(record(Status.START, "nas-1", "s1", "phone", T0, 0),
                record(Status.START, "nas-1", "s2", "phone", T0.plusSeconds(60), 0),
                record(Status.START, "nas-1", "s3", "laptop", T0, 0)));
        b.events().append(List.of(record(Status.INTERIM, "nas-1", "s1", "phone", T0.plusSeconds(300), 300)));

        assertThat(b.sessions().openSessions("phone")).containsExactly(
                new OpenSession("nas-1", "10.0.0.1", "s2", "hue", T0.plusSeconds(60)),
                new OpenSession("nas-1", "10.0.0.1", "s1", "hue", T0));

        b.events().append(List.of(record(Status.STOP, "nas-1", "s2", "phone", T0.plusSeconds(660), 600)));
        assertThat(a.sessions().openSessions("phone")).extracting(OpenSession::sessionId).containsExactly("s1");
        assertThat(a.sessions().openSessions("nobody")).isEmpty();
    }

    @Test
    void recordsStoredTwiceOrOutOfOrderOnlyMoveTheSessionForward() throws Exception {
        Stores stores = node();
        AccountingRecord stop = record(Status.STOP, "nas-1", "s1", "phone", T0.plusSeconds(900), 900);
        stores.events().append(List.of(record(Status.INTERIM, "nas-1", "s1", "phone", T0.plusSeconds(600), 600), stop, stop));
        stores.events().append(List.of(record(Status.INTERIM, "nas-1", "s1", "phone", T0.plusSeconds(300), 300),
                record(Status.START, "nas-1", "s1", "phone", T0, 0)));

        assertThat(stores.sessions().openSessions("phone")).as("a late Interim does not reopen it").isEmpty();
        assertThat(count(stores, "SELECT COUNT(*) FROM radius_session")).isEqualTo(1);
        assertThat(count(stores, "SELECT session_seconds FROM radius_session")).isEqualTo(900);
        assertThat(count(stores, "SELECT output_octets FROM radius_session")).isEqualTo(900_000);
        assertThat(count(stores, "SELECT started_ms FROM radius_session")).isEqualTo(T0.toEpochMilli());
    }

    @Test
    void aNasThatRestartsEndsEveryOneOfItsOpenSessionsAndNoOtherNasOnes() {
        Stores stores = node();
        stores.events().append(List.of(record(Status.START, "nas-1", "s1", "phone", T0, 0),
                record(Status.START, "nas-2", "s2", "phone", T0, 0),
                new AccountingRecord(T0.plusSeconds(60), Status.NAS_ON, "nas-1", "10.0.0.1", "hue", "", "", 0, 0, 0, ""),
                record(Status.START, "nas-1", "s3", "phone", T0.plusSeconds(120), 0)));

        assertThat(stores.sessions().openSessions("phone")).extracting(OpenSession::sessionId).containsExactly("s3", "s2");
    }
}
