package vn.bluezone.portal.radius;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.bluezone.portal.access.DeviceKeys;
import vn.bluezone.portal.config.RadiusSettings;

/**
 * Ends a device's sessions at the NAS that holds them: a Disconnect-Request (RFC 5176) per open session,
 * with Message-Authenticator, sent to the NAS's CoA port and retried until it answers (three tries).
 * Used when an operator revokes a device's access.
 */
public final class CoaClient {
    private static final Logger log = LoggerFactory.getLogger(CoaClient.class);
    private static final int DISCONNECT_ACK = 41;
    private static final int DISCONNECT_NAK = 42;
    private static final int TRIES = 3;

    /** How one session's disconnect went. */
    public enum Outcome { ACK, NAK, NO_ANSWER, NAS_TAKES_NO_COA }

    /** One session and what its NAS answered. */
    public record Result(String nas, String sessionId, Outcome outcome) {
    }

    private final NasClients clients;
    private final SessionStore sessions;
    private final DeviceKeys deviceKeys;
    private final RadiusCodec codec = new RadiusCodec();
    private final Duration timeout;
    private final SecureRandom random = new SecureRandom();

    public CoaClient(RadiusSettings settings, SessionStore sessions, DeviceKeys deviceKeys) {
        this(settings, sessions, deviceKeys, new NasClients(settings.clients()));
    }

    /** A client that finds NAS devices in {@code clients}, which may change while it runs. */
    public CoaClient(RadiusSettings settings, SessionStore sessions, DeviceKeys deviceKeys, NasClients clients) {
        this.clients = clients;
        this.sessions = sessions;
        this.deviceKeys = deviceKeys;
        this.timeout = settings.coaTimeout();
    }

    /**
     * Disconnects every open session of the device with this MAC address (already normalised).
     * Blocks up to three timeouts per session.
     */
    public List<Result> disconnect(String normalizedMac) {
        List<Result> results = new ArrayList<>();
        for (SessionStore.OpenSession session : sessions.openSessions(deviceKeys.forMac(normalizedMac))) {
            Optional<NasClient> nas = clients.named(session.nas());
            if (nas.isEmpty() || nas.get().settings().coaPort() == 0) {
                results.add(new Result(session.nas(), session.sessionId(), Outcome.NAS_TAKES_NO_COA));
                continue;
            }
            Outcome outcome = send(nas.get(), session, normalizedMac);
            log.info("Disconnect-Request for session {} at NAS {}: {}", session.sessionId(), session.nas(), outcome);
            results.add(new Result(session.nas(), session.sessionId(), outcome));
        }
        return results;
    }

    private Outcome send(NasClient nas, SessionStore.OpenSession session, String mac) {
        int identifier = random.nextInt(256);
        byte[] attributes = codec.attributes()
                .add("Acct-Session-Id", session.sessionId())
                .add("Calling-Station-Id", mac.toUpperCase(Locale.ROOT).replace(':', '-'))
                .toBytes();
        byte[] request = PacketSigner.computedRequest(PacketSigner.CODE_DISCONNECT_REQUEST, identifier, attributes, nas.secret());
        byte[] requestAuthenticator = Arrays.copyOfRange(request, 4, 20);
        try (DatagramSocket socket = new DatagramSocket()) {
            InetSocketAddress target = new InetSocketAddress(InetAddress.getByName(session.nasAddress()), nas.settings().coaPort());
            byte[] buffer = new byte[PacketShape.MAX_LENGTH];
            for (int attempt = 0; attempt < TRIES; attempt++) {
                socket.send(new DatagramPacket(request, request.length, target));
                long deadline = System.nanoTime() + timeout.toNanos();
                long left;
                while ((left = deadline - System.nanoTime()) > 0) {
                    socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
                    DatagramPacket in = new DatagramPacket(buffer, buffer.length);
                    try {
                        socket.receive(in);
                    } catch (SocketTimeoutException e) {
                        break;
                    }
                    int length = PacketShape.check(buffer, in.getLength());
                    if (!in.getSocketAddress().equals(target) || length < 0 || (buffer[1] & 0xff) != identifier
                            || !PacketSigner.replyValid(buffer, length, requestAuthenticator, nas.secret())) {
                        continue;
                    }
                    int code = buffer[0] & 0xff;
                    if (code == DISCONNECT_ACK) {
                        return Outcome.ACK;
                    }
                    if (code == DISCONNECT_NAK) {
                        return Outcome.NAK;
                    }
                }
            }
        } catch (IOException e) {
            log.warn("Disconnect-Request to NAS {} failed: {}", nas.name(), e.toString());
        }
        return Outcome.NO_ANSWER;
    }
}
