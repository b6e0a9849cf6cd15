package vn.bluezone.portal.venue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bluezone.portal.config.ConfigLoader;
import vn.bluezone.portal.config.GatewaySettings;
import vn.bluezone.portal.config.PortalConfig;
import vn.bluezone.portal.gateway.Gateways;
import vn.bluezone.portal.radius.NasClients;
import vn.bluezone.portal.store.sqlite.SqliteDatabase;
import vn.bluezone.portal.store.sqlite.SqliteRegistryStore;
import vn.bluezone.portal.testing.TestClock;
import vn.bluezone.portal.venue.RegistryStore.Section;

/** Venues, gateways and RADIUS clients added beside the configuration file: rules, clashes, snapshots, other nodes. */
class RegistryTest {
    @TempDir
    Path dir;
    private SqliteDatabase database;
    private final TestClock clock = new TestClock(Instant.parse("2026-11-29T03:00:00Z"));
    private PortalConfig config;
    private Node node;

    /** One portal node's lookups and its registry, all on the shared database. */
    private final class Node {
        final Venues venues;
        final Gateways gateways;
        final NasClients nasClients;
        final Registry registry;

        Node() {
            venues = new Venues(config.venues());
            gateways = new Gateways(config.gateways(), venues, clock);
            nasClients = new NasClients(config.radius().clients());
            registry = new Registry(config, new SqliteRegistryStore(database), venues, gateways::replace, nasClients::replace, clock);
            registry.refresh();
        }
    }

    @BeforeEach
    void open() {
        database = SqliteDatabase.open(dir.resolve("portal.db"));
        config = new ConfigLoader(name -> null, dir).parse("""
                venues:
                  - code: hue-station
                    name: Hue
                gateways:
                  - id: hue-gw
                    kind: opennds
                    venue: hue-station
                    faskey: ConfiguredKey123
                    level: 1
                radius:
                  clients:
                    - {name: hue-nas, address: 10.1.0.1, secret: configured-secret-1, venue: hue-station}
                """);
        node = new Node();
    }

    @AfterEach
    void close() {
        database.close();
    }

    private static Map<String, Object> keys(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }

    @Test
    void addedEntriesAreCheckedByTheConfigurationFilesRules() {
        assertThatThrownBy(() -> node.registry.addVenue(keys("code", "Bad Code"), "op")).isInstanceOf(Registry.Refused.class)
                .hasMessageContaining("code").hasMessageContaining("lower-case");
        assertThatThrownBy(() -> node.registry.addVenue(keys("code", "hoi-an", "time-zone", "Mars/Base"), "op"))
                .hasMessageContaining("time-zone");
        assertThatThrownBy(() -> node.registry.addGateway(keys("id", "x-gw", "kind", "opennds", "venue", "hue-station", "level", 3), "op"))
                .isInstanceOf(Registry.Refused.class).hasMessageContaining("1 to 2");
        assertThatThrownBy(() -> node.registry.addGateway(keys("id", "x-gw", "kind", "opennds", "venue", "hue-station", "level", 0), "op"))
                .isInstanceOf(Registry.Refused.class);
        assertThatThrownBy(() -> node.registry.addGateway(keys("id", "x-gw", "kind", "demo", "venue", "hue-station"), "op"))
                .isInstanceOf(Registry.Refused.class);
        assertThatThrownBy(() -> node.registry.addGateway(keys("id", "x-gw", "kind", "meraki", "venue", "nowhere"), "op"))
                .hasMessageContaining("no venue 'nowhere'");
        assertThatThrownBy(() -> node.registry.addNasClient(keys("name", "x-nas", "address", "not-an-ip", "venue", "hue-station"), "op"))
                .hasMessageContaining("address");
        assertThat(new SqliteRegistryStore(database).list()).isEmpty();
    }

    @Test
    void keysOfTheConfigurationFileCannotBeTakenAgain() {
        assertThatThrownBy(() -> node.registry.addVenue(keys("code", "hue-station"), "op")).hasMessageContaining("in the configuration file");
        assertThatThrownBy(() -> node.registry.addGateway(keys("id", "hue-gw", "kind", "meraki", "venue", "hue-station"), "op"))
                .hasMessageContaining("in the configuration file");
        assertThatThrownBy(() -> node.registry.addNasClient(keys("name", "hue-nas", "address", "10.1.0.9", "venue", "hue-station"), "op"))
                .hasMessageContaining("in the configuration file");
        assertThatThrownBy(() -> node.registry.addNasClient(keys("name", "other", "address", "10.1.0.1", "venue", "hue-station"), "op"))
                .hasMessageContaining("already the RADIUS client 'hue-nas'");
        node.registry.addVenue(keys("code", "hoi-an"), "op");
        assertThatThrownBy(() -> node.registry.addVenue(keys("code", "hoi-an"), "op")).isInstanceOf(Registry.Refused.class)
                .hasMessageNotContaining("configuration file");
        assertThat(node.registry.configured(Section.VENUE, "hue-station")).isTrue();
        assertThat(node.registry.configured(Section.VENUE, "hoi-an")).isFalse();
    }

    @Test
    void additionsSwapTheSnapshotsThatTheLookupsAlreadyHandedOut() {
        Venues venues = node.venues;
        node.registry.addVenue(keys("code", "hoi-an", "name", "Hội An", "session-timeout", "1h", "district", "Hội An", "type", "Chợ"), "op");
        GatewaySettings gw = node.registry.addGateway(keys("id", "hoi-an-gw", "kind", "opennds", "venue", "hoi-an", "level", 2), "op");
        node.registry.addNasClient(keys("name", "hoi-an-nas", "address", "10.2.0.0/24", "venue", "hoi-an"), "op");

        assertThat(venues.codes()).containsExactly("hue-station", "hoi-an");
        assertThat(venues.get("hoi-an").limits().sessionTimeout()).hasHours(1);
        assertThat(venues.get("hoi-an").district()).isEqualTo("Hội An");
        assertThat(gw.openNds().faskey()).matches("[0-9a-f]{32}");
        assertThat(node.gateways.find("hoi-an-gw", GatewaySettings.Kind.OPENNDS)).hasValueSatisfying(
                g -> assertThat(g.settings().openNds().faskey()).isEqualTo(gw.openNds().faskey()));
        assertThat(node.nasClients.all()).extracting(c -> c.name()).containsExactly("hue-nas", "hoi-an-nas");
        assertThat(node.nasClients.all().get(1).secret()).hasSizeGreaterThanOrEqualTo(24);
        assertThat(node.registry.addGateway(keys("id", "hoi-an-chilli", "kind", "coova", "venue", "hoi-an"), "op").coova().uamsecret())
                .matches("[0-9a-f]{32}");
        assertThat(node.registry.addGateway(keys("id", "hoi-an-script", "kind", "generic", "venue", "hoi-an"), "op").generic().secret())
                .matches("[0-9a-f]{64}");
    }

    @Test
    void newSecretsAndRemovalsReachThisNodeAtOnceAndOthersAtTheirNextRefresh() {
        Node other = new Node();
        node.registry.addVenue(keys("code", "hoi-an"), "op");
        String first = node.registry.addNasClient(keys("name", "hoi-an-nas", "address", "10.2.0.1", "venue", "hoi-an"), "op").secret();
        String uamsecret = node.registry.addGateway(keys("id", "hoi-an-chilli", "kind", "coova", "venue", "hoi-an"), "op").coova().uamsecret();
        other.registry.refresh();

        String second = node.registry.newNasClientSecret("hoi-an-nas", "op").secret();
        assertThat(second).isNotEqualTo(first).hasSize(32);
        assertThat(node.nasClients.all().get(1).secret()).isEqualTo(second);
        assertThat(node.registry.newGatewaySecret("hoi-an-chilli", "op").coova().uamsecret()).matches("[0-9a-f]{32}").isNotEqualTo(uamsecret);
        assertThat(other.nasClients.all().get(1).secret()).isEqualTo(first);
        other.registry.refresh();
        assertThat(other.nasClients.all().get(1).secret()).isEqualTo(second);

        assertThatThrownBy(() -> node.registry.remove(Section.VENUE, "hoi-an", "op")).isInstanceOf(Registry.Refused.class)
                .hasMessageContaining("still used by: hoi-an-chilli, hoi-an-nas");
        node.registry.remove(Section.RADIUS_CLIENT, "hoi-an-nas", "op");
        node.registry.remove(Section.GATEWAY, "hoi-an-chilli", "op");
        node.registry.remove(Section.VENUE, "hoi-an", "op");
        assertThat(node.venues.find("hoi-an")).isEmpty();
        assertThat(node.nasClients.all()).extracting(c -> c.name()).containsExactly("hue-nas");
        other.registry.refresh();
        assertThat(other.venues.find("hoi-an")).isEmpty();
        assertThatThrownBy(() -> other.registry.remove(Section.VENUE, "hoi-an", "op")).isInstanceOf(Registry.Refused.class)
                .hasMessageContaining("not there any more");
        assertThatThrownBy(() -> node.registry.newNasClientSecret("hue-nas", "op")).isInstanceOf(Registry.Refused.class)
                .hasMessageContaining("configuration file");
        assertThatThrownBy(() -> node.registry.newGatewaySecret("hue-gw", "op")).isInstanceOf(Registry.Refused.class);
    }

    @Test
    void anotherNodeSeesAnAdditionAtItsNextRefresh() {
        Node other = new Node();
        node.registry.addVenue(keys("code", "hoi-an"), "op");
        node.registry.addGateway(keys("id", "hoi-an-gw", "kind", "meraki", "venue", "hoi-an"), "op");
        assertThat(other.venues.find("hoi-an")).isEmpty();

        other.registry.refresh();

        assertThat(other.venues.find("hoi-an")).isPresent();
        assertThat(other.gateways.find("hoi-an-gw", GatewaySettings.Kind.MERAKI)).isPresent();
        assertThatThrownBy(() -> other.registry.addVenue(keys("code", "hoi-an"), "op2")).isInstanceOf(Registry.Refused.class);
    }

    @Test
    void aStoredEntryThatNoLongerFitsIsSkippedAndTheFileWins() {
        new SqliteRegistryStore(database).add(new RegistryStore.Entry(Section.GATEWAY, "hue-gw",
                keys("id", "hue-gw", "kind", "meraki", "venue", "hue-station"), clock.instant(), "op"));
        new SqliteRegistryStore(database).add(new RegistryStore.Entry(Section.VENUE, "odd",
                keys("code", "odd", "unknown-key", 1), clock.instant(), "op"));
        node.registry.refresh();
        assertThat(node.gateways.find("hue-gw", GatewaySettings.Kind.OPENNDS)).isPresent();
        assertThat(node.venues.find("odd")).isEmpty();
    }
}
