package vn.bluezone.portal.venue;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.bluezone.portal.config.ConfigException;
import vn.bluezone.portal.config.ConfigLoader;
import vn.bluezone.portal.config.GatewaySettings;
import vn.bluezone.portal.config.NasClientSettings;
import vn.bluezone.portal.config.PortalConfig;
import vn.bluezone.portal.config.VenueSettings;
import vn.bluezone.portal.ops.ScheduledJob;
import vn.bluezone.portal.venue.RegistryStore.Entry;
import vn.bluezone.portal.venue.RegistryStore.Section;

/**
 * The venues, gateways and RADIUS clients in use: those of the configuration file, then those operators added in the
 * web UI (kept in a {@link RegistryStore}). Added entries are read with the configuration file's rules
 * ({@link ConfigLoader#venue}, {@link ConfigLoader#gateway}, {@link ConfigLoader#nasClient}) and the same checks across
 * entries; an entry that no longer fits (say the file now has a gateway of the same id) is skipped and logged: the
 * file wins. Whenever the merged lists change, the lookups ({@link Venues}, the gateways, the NAS clients) get new
 * snapshots. {@link #refresh} runs after each addition here and every poll interval, so that the other nodes of a
 * fleet see additions too. Reads the store: call off I/O threads.
 */
public final class Registry {
    private static final Logger log = LoggerFactory.getLogger(Registry.class);
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /** An addition that was not made; the message says why in Vietnamese and in English. */
    public static final class Refused extends RuntimeException {
        private final String vi;

        Refused(String vi, String en) {
            super(en);
            this.vi = vi;
        }

        public String vi() {
            return vi;
        }

        public String en() {
            return getMessage();
        }
    }

    /** The merged lists, configured entries first. */
    public record Contents(List<VenueSettings> venues, List<GatewaySettings> gateways, List<NasClientSettings> nasClients) {
    }

    private final PortalConfig config;
    private final RegistryStore store;
    private final Venues venues;
    private final Consumer<List<GatewaySettings>> gateways;
    private final Consumer<List<NasClientSettings>> nasClients;
    private final InstantSource clock;
    private final SecureRandom random = new SecureRandom();
    private final Set<String> warned = new HashSet<>();
    private volatile Contents contents;

    /**
     * @param gateways receives every gateway whenever they change (after {@code venues} has the new venues)
     * @param nasClients receives every RADIUS client whenever they change
     */
    public Registry(PortalConfig config, RegistryStore store, Venues venues, Consumer<List<GatewaySettings>> gateways,
            Consumer<List<NasClientSettings>> nasClients, InstantSource clock) {
        this.config = config;
        this.store = store;
        this.venues = venues;
        this.gateways = gateways;
        this.nasClients = nasClients;
        this.clock = clock;
        this.contents = new Contents(config.venues(), config.gateways(), config.radius().clients());
    }

    /** What is in use now. */
    public Contents contents() {
        return contents;
    }

    /** Whether this entry comes from the configuration file (read-only in the UI). */
    public boolean configured(Section section, String key) {
        return switch (section) {
            case VENUE -> config.venues().stream().anyMatch(v -> v.code().equals(key));
            case GATEWAY -> config.gateways().stream().anyMatch(g -> g.id().equals(key));
            case RADIUS_CLIENT -> config.radius().clients().stream().anyMatch(c -> c.name().equals(key));
        };
    }

    public boolean radiusEnabled() {
        return config.radius().enabled();
    }

    /** openNDS levels 3 and 4 need the https listener ({@code http.tls}). */
    public boolean httpsConfigured() {
        return config.http().tls().isPresent();
    }

    /** Reads the added entries again and swaps the lookups' snapshots if anything changed. */
    public synchronized void refresh() {
        List<Entry> entries = store.list();
        List<VenueSettings> v = new ArrayList<>(config.venues());
        List<GatewaySettings> g = new ArrayList<>(config.gateways());
        List<NasClientSettings> c = new ArrayList<>(config.radius().clients());
        for (Section section : Section.values()) {
            for (Entry e : entries) {
                if (e.section() != section) {
                    continue;
                }
                try {
                    switch (section) {
                        case VENUE -> v.add(checkedVenue(e.settings(), v));
                        case GATEWAY -> g.add(checkedGateway(e.settings(), v, g));
                        case RADIUS_CLIENT -> c.add(checkedNasClient(e.settings(), v, c));
                    }
                } catch (ConfigException | Refused problem) {
                    if (warned.add(section.code() + " " + e.key())) {
                        log.warn("{} '{}' added in the web UI is not used: {}", section.code(), e.key(), problem.getMessage());
                    }
                }
            }
        }
        Contents next = new Contents(List.copyOf(v), List.copyOf(g), List.copyOf(c));
        Contents previous = contents;
        if (!next.venues().equals(previous.venues())) {
            venues.replace(next.venues());
        }
        if (!next.venues().equals(previous.venues()) || !next.gateways().equals(previous.gateways())) {
            gateways.accept(next.gateways());
        }
        if (!next.nasClients().equals(previous.nasClients())) {
            nasClients.accept(next.nasClients());
        }
        if (!next.equals(previous)) {
            log.info("now {} venues, {} gateways, {} RADIUS clients", next.venues().size(), next.gateways().size(), next.nasClients().size());
        }
        contents = next;
    }

    /** {@link #refresh} every {@code every} until closed (other nodes' additions); failures are logged and retried. */
    public AutoCloseable start(Duration every) {
        return ScheduledJob.start("registry-refresh", every, every, this::refresh);
    }

    /**
     * Adds a venue given in the configuration file's keys.
     *
     * @throws Refused when it breaks a rule or its code is taken
     */
    public VenueSettings addVenue(Map<String, Object> keys, String operator) {
        refresh();
        VenueSettings venue = parse(() -> checkedVenue(keys, contents.venues()));
        store(Section.VENUE, venue.code(), keys, operator);
        return venue;
    }

    /**
     * Adds a gateway given in the configuration file's keys, without its secret: the portal makes the openNDS
     * {@code faskey}, CoovaChilli {@code uamsecret} or generic {@code secret} here. The result holds it, to be
     * shown once.
     */
    public GatewaySettings addGateway(Map<String, Object> keys, String operator) {
        refresh();
        Map<String, Object> withSecret = new LinkedHashMap<>(keys);
        String kind = Objects.toString(keys.get("kind"), "").toLowerCase(Locale.ROOT);
        switch (kind) {
            case "opennds" -> {
                Object level = keys.get("level");
                int wanted = level instanceof Integer i ? i : -1;
                int highest = httpsConfigured() ? 4 : 2;
                if (wanted < 1 || wanted > highest) {
                    throw new Refused("Mức bảo mật openNDS phải từ 1 đến " + highest + (highest == 2 ? " (mức 3 và 4 cần https)" : "") + ".",
                            "The openNDS level must be 1 to " + highest + (highest == 2 ? " (levels 3 and 4 need https: http.tls)" : "") + ".");
                }
                withSecret.put("faskey", hex(16));
            }
            case "coova" -> withSecret.put("uamsecret", hex(16));
            case "generic" -> withSecret.put("secret", hex(32));
            case "mikrotik", "meraki", "pfsense" -> {
            }
            default -> throw new Refused("Hãy chọn loại thiết bị cổng.", "Choose the kind of gateway.");
        }
        GatewaySettings gateway = parse(() -> checkedGateway(withSecret, contents.venues(), contents.gateways()));
        store(Section.GATEWAY, gateway.id(), withSecret, operator);
        return gateway;
    }

    /** Adds a RADIUS client given in the configuration file's keys, without its secret: the portal makes a shared secret here. */
    public NasClientSettings addNasClient(Map<String, Object> keys, String operator) {
        refresh();
        if (!radiusEnabled()) {
            throw new Refused("Máy chủ RADIUS của cổng chưa bật trong tệp cấu hình.", "The portal's RADIUS server is not enabled in the configuration file.");
        }
        Map<String, Object> withSecret = new LinkedHashMap<>(keys);
        withSecret.put("secret", alphanumeric(32));
        NasClientSettings client = parse(() -> checkedNasClient(withSecret, contents.venues(), contents.nasClients()));
        store(Section.RADIUS_CLIENT, client.name(), withSecret, operator);
        return client;
    }

    /**
     * Removes an entry added in the web UI. A venue that gateways or RADIUS clients still name is kept; its numbers stay
     * in the statistics either way.
     *
     * @throws Refused for an entry of the configuration file, one that is gone, or a venue still in use
     */
    public void remove(Section section, String key, String operator) {
        refresh();
        addedEntry(section, key);
        if (section == Section.VENUE) {
            List<String> users = new ArrayList<>();
            contents.gateways().stream().filter(g -> g.venue().equals(key)).forEach(g -> users.add(g.id()));
            contents.nasClients().stream().filter(c -> c.venue().equals(key)).forEach(c -> users.add(c.name()));
            if (!users.isEmpty()) {
                throw new Refused("Địa điểm '" + key + "' vẫn được dùng bởi: " + String.join(", ", users) + ". Hãy xoá chúng trước.",
                        "The venue '" + key + "' is still used by: " + String.join(", ", users) + ". Remove those first.");
            }
        }
        if (!store.remove(section, key)) {
            throw gone(key);
        }
        log.info("{} removed the {} {}", operator, section.code(), key);
        refresh();
    }

    /**
     * Gives a gateway added in the web UI a new secret (faskey, uamsecret or generic secret): the old one stops working
     * here at once and on other nodes within the poll interval. The result holds the new secret, to be shown once.
     *
     * @throws Refused for a gateway of the configuration file, one that is gone, or a kind without a secret
     */
    public GatewaySettings newGatewaySecret(String id, String operator) {
        return ConfigLoader.gateway(withNewSecret(Section.GATEWAY, id, operator));
    }

    /** Gives a RADIUS client added in the web UI a new shared secret, like {@link #newGatewaySecret}. */
    public NasClientSettings newNasClientSecret(String name, String operator) {
        return ConfigLoader.nasClient(withNewSecret(Section.RADIUS_CLIENT, name, operator));
    }

    private Map<String, Object> withNewSecret(Section section, String key, String operator) {
        refresh();
        Map<String, Object> settings = new LinkedHashMap<>(addedEntry(section, key).settings());
        if (section == Section.RADIUS_CLIENT) {
            settings.put("secret", alphanumeric(32));
        } else if (settings.containsKey("faskey")) {
            settings.put("faskey", hex(16));
        } else if (settings.containsKey("uamsecret")) {
            settings.put("uamsecret", hex(16));
        } else if (settings.containsKey("secret")) {
            settings.put("secret", hex(32));
        } else {
            throw new Refused("'" + key + "' không có khoá bí mật.", "'" + key + "' has no secret.");
        }
        if (!store.replace(section, key, settings)) {
            throw gone(key);
        }
        log.info("{} gave the {} {} a new secret", operator, section.code(), key);
        refresh();
        return settings;
    }

    private Entry addedEntry(Section section, String key) {
        if (configured(section, key)) {
            throw new Refused("'" + key + "' nằm trong tệp cấu hình: hãy sửa tệp đó.", "'" + key + "' is in the configuration file: change it there.");
        }
        return store.list().stream().filter(e -> e.section() == section && e.key().equals(key)).findFirst().orElseThrow(() -> gone(key));
    }

    private static Refused gone(String key) {
        return new Refused("Không còn '" + key + "' (có thể người khác vừa xoá).", "'" + key + "' is not there any more (someone may have just removed it).");
    }

    private void store(Section section, String key, Map<String, Object> settings, String operator) {
        if (!store.add(new Entry(section, key, settings, clock.instant(), operator))) {
            throw new Refused("'" + key + "' vừa được người khác thêm.", "'" + key + "' was added by someone else just now.");
        }
        refresh();
    }

    private static <T> T parse(java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (ConfigException e) {
            throw new Refused("Giá trị không hợp lệ: " + e.getMessage(), "Not a valid value: " + e.getMessage());
        }
    }

    private VenueSettings checkedVenue(Map<String, Object> keys, List<VenueSettings> existing) {
        VenueSettings venue = ConfigLoader.venue(keys);
        if (existing.stream().anyMatch(v -> v.code().equals(venue.code()))) {
            throw taken("Mã địa điểm", "The venue code", venue.code(), configured(Section.VENUE, venue.code()));
        }
        return venue;
    }

    private GatewaySettings checkedGateway(Map<String, Object> keys, List<VenueSettings> venueList, List<GatewaySettings> existing) {
        GatewaySettings gateway = ConfigLoader.gateway(keys);
        if (gateway.kind() == GatewaySettings.Kind.DEMO) {
            throw new Refused("Cổng demo chỉ khai báo trong tệp cấu hình.", "Demo gateways are set in the configuration file only.");
        }
        if (existing.stream().anyMatch(g -> g.id().equals(gateway.id()))) {
            throw taken("Mã thiết bị cổng", "The gateway id", gateway.id(), configured(Section.GATEWAY, gateway.id()));
        }
        if (venueList.stream().noneMatch(v -> v.code().equals(gateway.venue()))) {
            throw new Refused("Không có địa điểm '" + gateway.venue() + "'.", "There is no venue '" + gateway.venue() + "'.");
        }
        if (gateway.generic() != null && existing.stream().anyMatch(g -> g.generic() != null && g.generic().secret().equals(gateway.generic().secret()))) {
            throw new Refused("Khoá bí mật trùng với thiết bị cổng khác.", "Another generic gateway has the same secret.");
        }
        if (gateway.openNds() != null && gateway.openNds().authmon() && !httpsConfigured()) {
            throw new Refused("openNDS mức " + gateway.openNds().level() + " cần https (http.tls).",
                    "openNDS level " + gateway.openNds().level() + " needs https: configure http.tls.");
        }
        if (gateway.kind().logsInThroughRadius() && !radiusEnabled()) {
            throw new Refused("Loại thiết bị này đăng nhập khách qua RADIUS của cổng, nhưng RADIUS chưa bật trong tệp cấu hình.",
                    "This kind of gateway logs visitors in through the portal's RADIUS server, which the configuration file does not enable.");
        }
        return gateway;
    }

    private NasClientSettings checkedNasClient(Map<String, Object> keys, List<VenueSettings> venueList, List<NasClientSettings> existing) {
        NasClientSettings client = ConfigLoader.nasClient(keys);
        if (existing.stream().anyMatch(c -> c.name().equals(client.name()))) {
            throw taken("Tên máy khách RADIUS", "The RADIUS client name", client.name(), configured(Section.RADIUS_CLIENT, client.name()));
        }
        if (venueList.stream().noneMatch(v -> v.code().equals(client.venue()))) {
            throw new Refused("Không có địa điểm '" + client.venue() + "'.", "There is no venue '" + client.venue() + "'.");
        }
        IPAddress address = new IPAddressString(client.address()).getAddress().toPrefixBlock();
        for (NasClientSettings c : existing) {
            if (new IPAddressString(c.address()).getAddress().toPrefixBlock().equals(address)) {
                throw new Refused("Địa chỉ " + client.address() + " đã thuộc máy khách RADIUS '" + c.name() + "'.",
                        "The address " + client.address() + " is already the RADIUS client '" + c.name() + "'.");
            }
        }
        return client;
    }

    private static Refused taken(String whatVi, String whatEn, String key, boolean inFile) {
        return new Refused(whatVi + " '" + key + "' đã được dùng" + (inFile ? " trong tệp cấu hình." : "."),
                whatEn + " '" + key + "' is already used" + (inFile ? " in the configuration file." : "."));
    }

    private String hex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private String alphanumeric(int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
        }
        return s.toString();
    }
}
