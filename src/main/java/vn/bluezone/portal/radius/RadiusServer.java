package vn.bluezone.portal.radius;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.bluezone.portal.access.DeviceKeys;
import vn.bluezone.portal.access.GrantTokens;
import vn.bluezone.portal.access.ReturningDevices;
import vn.bluezone.portal.config.RadiusSettings;
import vn.bluezone.portal.config.VenueSettings;
import vn.bluezone.portal.events.DurableWriter;
import vn.bluezone.portal.events.StoreUnavailableException;
import vn.bluezone.portal.notice.Campaign;
import vn.bluezone.portal.ops.RepeatedWarning;
import vn.bluezone.portal.radius.RadiusCounters.Counter;
import vn.bluezone.portal.venue.Venues;

/**
 * The embedded RADIUS server: authentication and accounting ports. For every datagram, in this order:
 * the sender must be a configured NAS (else dropped silently); the packet's structure must hold; a
 * retransmission is answered from the {@link DuplicateCache} (at most {@value DuplicateCache#MAX_RESENDS} times); the
 * signature must verify
 * (Message-Authenticator on Access-Request and Status-Server, required unless the NAS is allowed to omit
 * it; the Request Authenticator on Accounting-Request); only then is it decoded and decided. Every reply
 * carries Message-Authenticator first and the request's Proxy-State attributes.
 */
public final class RadiusServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RadiusServer.class);
    private static final long MIB = 1024L * 1024L;
    static final int ACCESS_ACCEPT = 2;
    static final int ACCESS_REJECT = 3;
    static final int ACCOUNTING_RESPONSE = PacketSigner.CODE_ACCOUNTING_RESPONSE;
    static final int STATUS_SERVER = PacketSigner.CODE_STATUS_SERVER;

    /** Everything the server needs from the rest of the portal. */
    public record Services(Venues venues, GrantTokens tokens, DeviceKeys deviceKeys, ReturningDevices returning, DurableWriter writer,
            Campaign campaign, InstantSource clock) {
    }

    private final NasClients clients;
    private final RadiusCodec codec = new RadiusCodec();
    private final DuplicateCache duplicates;
    private final RadiusCounters counters = new RadiusCounters();
    private final AccessPolicy access;
    private final SessionAccounting accounting;
    private final RepeatedWarning accessNotAnswered;
    private final RepeatedWarning accountingNotStored;
    /** Sources already warned about, so a flood from one address logs one line a minute. */
    private final Cache<InetAddress, Boolean> warnedSources;
    private RadiusListener authListener;
    private RadiusListener acctListener;
    /** Requests decided or accounted asynchronously (waiting for the store) and not yet answered. */
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean accepting = true;

    private RadiusServer(RadiusSettings settings, Services s, NasClients clients) {
        Ticker ticker = () -> s.clock().millis() * 1_000_000L;
        this.clients = clients;
        this.duplicates = new DuplicateCache(settings.duplicateCacheSize(), settings.duplicateCacheTtl(), ticker);
        this.access = new AccessPolicy(s.tokens(), s.deviceKeys(), s.returning(), s.venues(), s.writer(),
                new ReplyMessages(s.campaign()), s.clock());
        this.accounting = new SessionAccounting(s.deviceKeys(), s.writer(), s.clock());
        this.accessNotAnswered = RepeatedWarning.perMinute(log, s.clock());
        this.accountingNotStored = RepeatedWarning.perMinute(log, s.clock());
        this.warnedSources = Caffeine.newBuilder().maximumSize(1000).expireAfterWrite(Duration.ofMinutes(1)).ticker(ticker).build();
    }

    /** Binds both ports and starts answering the configured NAS clients. */
    public static RadiusServer start(RadiusSettings settings, Services services) {
        return start(settings, services, new NasClients(settings.clients()));
    }

    /** Binds both ports and starts answering the NAS clients of {@code clients}, which may change while it runs. */
    public static RadiusServer start(RadiusSettings settings, Services services, NasClients clients) {
        RadiusServer server = new RadiusServer(settings, services, clients);
        try {
            server.authListener = listen("auth", settings.host(), settings.authPort(), settings.threads(), server::handleAuth);
            server.acctListener = listen("acct", settings.host(), settings.acctPort(), settings.threads(), server::handleAcct);
        } catch (IOException e) {
            server.close();
            throw new UncheckedIOException("cannot listen for RADIUS on " + settings.host() + " ports " + settings.authPort() + "/"
                    + settings.acctPort() + ": " + e.getMessage(), e);
        }
        log.info("RADIUS listening on {} auth {} acct {} for {} NAS clients", settings.host(), server.authPort(), server.acctPort(),
                clients.size());
        return server;
    }

    private static RadiusListener listen(String name, String host, int port, int threads, RadiusListener.Handler handler) throws IOException {
        InetAddress address = InetAddress.getByName(host);
        try {
            return RadiusListener.open(name, new InetSocketAddress(address, port), threads, handler);
        } catch (IOException | UnsupportedOperationException e) {
            if (!address.isAnyLocalAddress() || address.getAddress().length != 16) {
                throw e;
            }
            // no IPv6 on this host: listen on every IPv4 address instead
            return RadiusListener.open(name, new InetSocketAddress("0.0.0.0", port), threads, handler);
        }
    }

    public int authPort() {
        return authListener.port();
    }

    public int acctPort() {
        return acctListener.port();
    }

    public RadiusCounters counters() {
        return counters;
    }

    private void handleAuth(byte[] packet, int received, InetSocketAddress source, RadiusListener listener) {
        handle(packet, received, source, listener, true);
    }

    private void handleAcct(byte[] packet, int received, InetSocketAddress source, RadiusListener listener) {
        handle(packet, received, source, listener, false);
    }

    private void handle(byte[] packet, int received, InetSocketAddress source, RadiusListener listener, boolean authPort) {
        if (!accepting) {
            return;
        }
        Optional<NasClient> found = clients.find(source.getAddress());
        if (found.isEmpty()) {
            counters.add(Counter.UNKNOWN_CLIENT);
            if (warnedSources.asMap().putIfAbsent(source.getAddress(), Boolean.TRUE) == null) {
                log.warn("RADIUS request from {}, which is no configured NAS client: dropped (further ones for a minute silently)",
                        source.getAddress().getHostAddress());
            }
            return;
        }
        NasClient nas = found.get();
        int length = PacketShape.check(packet, received);
        if (length < 0) {
            counters.add(Counter.MALFORMED);
            log.debug("malformed RADIUS packet from NAS {} dropped", nas.name());
            return;
        }
        int code = packet[0] & 0xff;
        boolean expected = authPort ? code == PacketSigner.CODE_ACCESS_REQUEST || code == STATUS_SERVER
                : code == PacketSigner.CODE_ACCOUNTING_REQUEST || code == STATUS_SERVER;
        if (!expected) {
            counters.add(Counter.UNEXPECTED_CODE);
            return;
        }
        DuplicateCache.Key key = DuplicateCache.Key.of(source, packet);
        Optional<DuplicateCache.Claim> seen = duplicates.seen(key);
        if (seen.isPresent()) {
            duplicate(seen.get(), source, listener);
            return;
        }
        // the signature before the cache: a forged packet leaves nothing behind
        if (!signatureValid(packet, length, code, nas)) {
            return;
        }
        DuplicateCache.Claim claim = duplicates.claim(key);
        if (!(claim instanceof DuplicateCache.Fresh)) {
            duplicate(claim, source, listener); // a copy that arrived on another thread meanwhile
            return;
        }
        try {
            process(packet, length, code, key, source, listener, nas, authPort);
        } catch (RuntimeException e) {
            duplicates.forget(key);
            throw e;
        }
    }

    private void duplicate(DuplicateCache.Claim claim, InetSocketAddress source, RadiusListener listener) {
        if (claim instanceof DuplicateCache.Answered answered) {
            counters.add(Counter.DUPLICATES);
            listener.send(answered.reply(), source);
        } else if (claim instanceof DuplicateCache.InProgress) {
            counters.add(Counter.DUPLICATES);
        } else {
            counters.add(Counter.DUPLICATES_DROPPED);
        }
    }

    /** A fresh request from a known NAS whose structure and signature hold: decode, decide, answer. */
    private void process(byte[] packet, int length, int code, DuplicateCache.Key key, InetSocketAddress source, RadiusListener listener,
            NasClient nas, boolean authPort) {
        RadiusRequest request;
        try {
            request = codec.decode(packet, length, nas.settings().secret());
        } catch (RadiusCodec.MalformedPacketException e) {
            duplicates.forget(key);
            counters.add(Counter.MALFORMED);
            log.debug("RADIUS packet from NAS {} dropped: {}", nas.name(), e.getMessage());
            return;
        }
        if (code == STATUS_SERVER) {
            counters.add(Counter.STATUS_SERVER_REPLIES);
            answer(key, listener, source, nas, request, authPort ? ACCESS_ACCEPT : ACCOUNTING_RESPONSE, codec.attributes());
        } else if (authPort) {
            authenticate(key, listener, source, nas, request);
        } else {
            account(key, listener, source, nas, request);
        }
    }

    private boolean signatureValid(byte[] packet, int length, int code, NasClient nas) {
        int messageAuthenticator = PacketShape.messageAuthenticatorAt(packet, length);
        if (code == PacketSigner.CODE_ACCOUNTING_REQUEST && !PacketSigner.requestAuthenticatorValid(packet, length, nas.secret())) {
            counters.add(Counter.BAD_AUTHENTICATOR);
            log.debug("Accounting-Request from NAS {} with a wrong Request Authenticator (wrong secret?) dropped", nas.name());
            return false;
        }
        if (messageAuthenticator < 0) {
            if (code == PacketSigner.CODE_ACCOUNTING_REQUEST) {
                return true;
            }
            if (code == STATUS_SERVER || nas.settings().requireMessageAuthenticator()) {
                counters.add(Counter.MISSING_MESSAGE_AUTHENTICATOR);
                log.debug("request from NAS {} without Message-Authenticator dropped", nas.name());
                return false;
            }
            counters.add(Counter.WITHOUT_MESSAGE_AUTHENTICATOR);
            return true;
        }
        if (!PacketSigner.messageAuthenticatorValid(packet, length, messageAuthenticator, nas.secret())) {
            counters.add(Counter.BAD_AUTHENTICATOR);
            log.debug("request from NAS {} with a wrong Message-Authenticator (wrong secret?) dropped", nas.name());
            return false;
        }
        return true;
    }

    private void authenticate(DuplicateCache.Key key, RadiusListener listener, InetSocketAddress source, NasClient nas,
            RadiusRequest request) {
        if (request.papPassword() == null && request.chapPassword() == null) {
            counters.add(Counter.ACCESS_REJECTS);
            answer(key, listener, source, nas, request, ACCESS_REJECT, codec.attributes());
            return;
        }
        CompletionStage<Decision> decided;
        inFlight.incrementAndGet();
        try {
            decided = access.decide(request, nas);
        } catch (StoreUnavailableException e) {
            decided = CompletableFuture.failedFuture(e);
        } catch (RuntimeException e) {
            inFlight.decrementAndGet();
            throw e;
        }
        decided.whenComplete((decision, failure) -> {
            try {
                answerDecision(key, listener, source, nas, request, decision, failure);
            } finally {
                inFlight.decrementAndGet();
            }
        });
    }

    private void answerDecision(DuplicateCache.Key key, RadiusListener listener, InetSocketAddress source, NasClient nas,
            RadiusRequest request, Decision decision, Throwable failure) {
        if (failure != null) {
            // the store could not answer or record in time: no answer, the NAS retransmits
            duplicates.forget(key);
            counters.add(Counter.NOT_STORED);
            accessNotAnswered.warn("Access-Request from NAS {} not answered: {}", nas.name(), failure.toString());
        } else if (decision instanceof Decision.Accept accept) {
            counters.add(Counter.ACCESS_ACCEPTS);
            answer(key, listener, source, nas, request, ACCESS_ACCEPT, acceptAttributes(accept));
        } else if (decision instanceof Decision.Reject reject) {
            counters.add(Counter.ACCESS_REJECTS);
            answer(key, listener, source, nas, request, ACCESS_REJECT, codec.attributes().addText("Reply-Message", reject.message()));
        }
    }

    private RadiusCodec.Attributes acceptAttributes(Decision.Accept accept) {
        VenueSettings.SessionLimits limits = accept.limits();
        RadiusCodec.Attributes a = codec.attributes()
                .add("Session-Timeout", Long.toString(Math.max(1, accept.sessionTimeout().toSeconds())))
                .add("Idle-Timeout", Long.toString(Math.max(1, limits.idleTimeout().toSeconds())))
                .add("Acct-Interim-Interval", Long.toString(Math.max(60, limits.interimInterval().toSeconds())));
        if (limits.uploadKbps() > 0) {
            a.add("WISPr-Bandwidth-Max-Up", Long.toString(limits.uploadKbps() * 1000L))
                    .add("ChilliSpot-Bandwidth-Max-Up", Integer.toString(limits.uploadKbps()));
        }
        if (limits.downloadKbps() > 0) {
            a.add("WISPr-Bandwidth-Max-Down", Long.toString(limits.downloadKbps() * 1000L))
                    .add("ChilliSpot-Bandwidth-Max-Down", Integer.toString(limits.downloadKbps()));
        }
        if (limits.uploadKbps() > 0 || limits.downloadKbps() > 0) {
            // RouterOS reads rx/tx from the router's side: rx is the device's upload
            a.add("Mikrotik-Rate-Limit", limits.uploadKbps() + "k/" + limits.downloadKbps() + "k");
        }
        if (limits.uploadQuotaMb() > 0) {
            String octets = Long.toString(limits.uploadQuotaMb() * MIB);
            a.add("ChilliSpot-Max-Input-Octets", octets).add("Mikrotik-Recv-Limit", octets);
        }
        if (limits.downloadQuotaMb() > 0) {
            String octets = Long.toString(limits.downloadQuotaMb() * MIB);
            a.add("ChilliSpot-Max-Output-Octets", octets).add("Mikrotik-Xmit-Limit", octets);
        }
        return a;
    }

    private void account(DuplicateCache.Key key, RadiusListener listener, InetSocketAddress source, NasClient nas, RadiusRequest request) {
        inFlight.incrementAndGet();
        CompletionStage<?> accounted;
        try {
            accounted = accounting.account(request, nas, source);
        } catch (RuntimeException e) {
            inFlight.decrementAndGet();
            throw e;
        }
        accounted.whenComplete((done, failure) -> {
            try {
                if (failure != null) {
                    duplicates.forget(key);
                    counters.add(Counter.NOT_STORED);
                    accountingNotStored.warn("Accounting-Request from NAS {} not stored, not answered (the NAS retransmits): {}", nas.name(),
                            failure.toString());
                } else {
                    counters.add(Counter.ACCOUNTING_RESPONSES);
                    answer(key, listener, source, nas, request, ACCOUNTING_RESPONSE, codec.attributes());
                }
            } finally {
                inFlight.decrementAndGet();
            }
        });
    }

    private void answer(DuplicateCache.Key key, RadiusListener listener, InetSocketAddress source, NasClient nas, RadiusRequest request,
            int code, RadiusCodec.Attributes attributes) {
        for (byte[] state : request.proxyStates()) {
            attributes.addRaw(RadiusCodec.PROXY_STATE, state);
        }
        byte[] reply = PacketSigner.reply(code, request.code(), request.identifier(), request.authenticator(), attributes.toBytes(), nas.secret());
        duplicates.answered(key, reply);
        listener.send(reply, source);
    }

    /** Stops answering: packets that arrive from now on are dropped (a NAS retransmits them to its other RADIUS server). */
    public void stopAccepting() {
        accepting = false;
    }

    /** Waits until every request being decided or accounted when {@link #stopAccepting} was called has been answered. */
    public boolean awaitInFlight(Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (inFlight.get() > 0) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        accepting = false;
        if (authListener != null) {
            authListener.close();
        }
        if (acctListener != null) {
            acctListener.close();
        }
    }
}
