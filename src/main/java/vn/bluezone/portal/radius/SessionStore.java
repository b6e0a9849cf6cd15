package vn.bluezone.portal.radius;

import java.time.Instant;
import java.util.List;

/** Sessions as NAS accounting reported them. Written through the event writer, read here. */
public interface SessionStore {

    /**
     * The sessions of a device that have started and not stopped, newest first.
     *
     * @throws vn.bluezone.portal.events.StoreUnavailableException if the store cannot answer
     */
    List<OpenSession> openSessions(String deviceKey);

    /** One open session: which NAS holds it (name and address) and under which Acct-Session-Id. */
    record OpenSession(String nas, String nasAddress, String sessionId, String venue, Instant started) {
    }
}
