package vn.bluezone.portal.gateway;

import java.time.InstantSource;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import vn.bluezone.portal.config.GatewaySettings;
import vn.bluezone.portal.gateway.coova.CoovaGateway;
import vn.bluezone.portal.gateway.demo.DemoGateway;
import vn.bluezone.portal.gateway.generic.GenericGateway;
import vn.bluezone.portal.gateway.meraki.MerakiGateway;
import vn.bluezone.portal.gateway.mikrotik.MikrotikGateway;
import vn.bluezone.portal.gateway.pfsense.PfsenseGateway;
import vn.bluezone.portal.gateway.opennds.OpenNdsGateway;
import vn.bluezone.portal.venue.Venues;

/**
 * The gateways by id, each with the adapter for its protocol: the configured ones, then those operators added in
 * the web UI. Readers see one immutable snapshot, replaced as a whole when the added ones change; they never lock.
 */
public final class Gateways {
    private record Snapshot(Map<String, Gateway> byId, Optional<Gateway> demo, Map<String, SourceAddresses> sources) {
    }

    private final Venues venues;
    private final InstantSource clock;
    private final AtomicReference<Snapshot> snapshot = new AtomicReference<>();

    /**
     * @param venues the venues the gateways serve (openNDS at levels 3 and 4 hands their session limits to the router)
     * @param clock the portal's clock, for gateways that check the time of their redirect
     */
    public Gateways(List<GatewaySettings> settings, Venues venues, InstantSource clock) {
        this.venues = venues;
        this.clock = clock;
        replace(settings);
    }

    /** Swaps in a new list of every gateway (configured first); their venues must already be in {@code venues}. */
    public void replace(List<GatewaySettings> settings) {
        Map<String, Gateway> byId = new LinkedHashMap<>();
        Map<String, SourceAddresses> sources = new LinkedHashMap<>();
        for (GatewaySettings s : settings) {
            sources.put(s.id(), new SourceAddresses(s.sourceAddresses()));
            byId.put(s.id(), switch (s.kind()) {
                case DEMO -> new DemoGateway(s);
                case OPENNDS -> new OpenNdsGateway(s, venues.get(s.venue()));
                case COOVA -> new CoovaGateway(s);
                case MIKROTIK -> new MikrotikGateway(s);
                case MERAKI -> new MerakiGateway(s);
                case PFSENSE -> new PfsenseGateway(s);
                case GENERIC -> new GenericGateway(s, clock);
            });
        }
        Optional<Gateway> demo = byId.values().stream().filter(g -> g.settings().kind() == GatewaySettings.Kind.DEMO).findFirst();
        snapshot.set(new Snapshot(Collections.unmodifiableMap(byId), demo, Map.copyOf(sources)));
    }

    /** The gateway with this id, if it speaks the given protocol. */
    public Optional<Gateway> find(String id, GatewaySettings.Kind kind) {
        return find(id).filter(g -> g.settings().kind() == kind);
    }

    public Optional<Gateway> find(String id) {
        return Optional.ofNullable(snapshot.get().byId().get(id));
    }

    /**
     * Whether a visitor's request from {@code sourceAddress} may come through this gateway: true when it has no
     * {@code source-addresses} configured, or is no longer configured (nothing to check against).
     */
    public boolean expectsSource(String gatewayId, String sourceAddress) {
        SourceAddresses sources = snapshot.get().sources().get(gatewayId);
        return sources == null || sources.allows(sourceAddress);
    }

    /** The first demo gateway: what a visitor opening the portal's root URL sees. */
    public Optional<Gateway> demo() {
        return snapshot.get().demo();
    }

    public List<Gateway> all() {
        return List.copyOf(snapshot.get().byId().values());
    }
}
