package vn.bluezone.portal.gateway;

import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.bluezone.portal.config.GatewaySettings;
import vn.bluezone.portal.gateway.coova.CoovaGateway;
import vn.bluezone.portal.gateway.demo.DemoGateway;
import vn.bluezone.portal.gateway.generic.GenericGateway;
import vn.bluezone.portal.gateway.meraki.MerakiGateway;
import vn.bluezone.portal.gateway.mikrotik.MikrotikGateway;
import vn.bluezone.portal.gateway.pfsense.PfsenseGateway;
import vn.bluezone.portal.gateway.opennds.OpenNdsGateway;
import vn.bluezone.portal.venue.Venues;

/** The configured gateways by id, each with the adapter for its protocol. Immutable. */
public final class Gateways {
    private final Map<String, Gateway> byId = new LinkedHashMap<>();
    private final Optional<Gateway> demo;

    /**
     * @param venues the venues the gateways serve (openNDS at levels 3 and 4 hands their session limits to the router)
     * @param clock the portal's clock, for gateways that check the time of their redirect
     */
    public Gateways(List<GatewaySettings> settings, Venues venues, InstantSource clock) {
        for (GatewaySettings s : settings) {
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
        demo = byId.values().stream().filter(g -> g.settings().kind() == GatewaySettings.Kind.DEMO).findFirst();
    }

    /** The gateway with this id, if it speaks the given protocol. */
    public Optional<Gateway> find(String id, GatewaySettings.Kind kind) {
        return Optional.ofNullable(byId.get(id)).filter(g -> g.settings().kind() == kind);
    }

    public Optional<Gateway> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The first demo gateway: what a visitor opening the portal's root URL sees. */
    public Optional<Gateway> demo() {
        return demo;
    }

    public List<Gateway> all() {
        return List.copyOf(byId.values());
    }
}
