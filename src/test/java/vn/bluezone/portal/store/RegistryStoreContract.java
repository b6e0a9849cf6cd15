package vn.bluezone.portal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.bluezone.portal.venue.RegistryStore;
import vn.bluezone.portal.venue.RegistryStore.Entry;
import vn.bluezone.portal.venue.RegistryStore.Section;

/** {@link RegistryStore}: entries added in the web UI of one node, listed by every node in the order they were added. */
public abstract class RegistryStoreContract extends StoreContract {

    @Test
    void entriesAreAddedOncePerSectionAndListedInTheOrderTheyWereAdded() {
        RegistryStore a = node().registry();
        RegistryStore b = node().registry();
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("code", "zeta");
        settings.put("name", "Chợ Đông Ba");
        settings.put("remind-every", "24h");
        Entry zeta = new Entry(Section.VENUE, "zeta", settings, T0, "admin");
        Entry gateway = new Entry(Section.GATEWAY, "alpha", Map.of("id", "alpha", "kind", "opennds", "venue", "zeta", "level", 2), T0, "admin");
        Entry client = new Entry(Section.RADIUS_CLIENT, "zeta", Map.of("name", "zeta", "require-message-authenticator", true), T0, "root");

        assertThat(a.add(zeta)).isTrue();
        assertThat(b.add(gateway)).isTrue();
        assertThat(a.add(client)).as("the same key in another section").isTrue();
        assertThat(b.add(new Entry(Section.VENUE, "zeta", Map.of("code", "zeta"), T0.plusSeconds(1), "other"))).as("taken").isFalse();

        assertThat(b.list()).as("same instant: in the order added").containsExactly(zeta, gateway, client);
        assertThat(b.list().get(0).settings()).containsExactly(Map.entry("code", "zeta"), Map.entry("name", "Chợ Đông Ba"),
                Map.entry("remind-every", "24h"));
        assertThat(b.list().get(1).settings()).containsEntry("level", 2);
    }

    @Test
    void anEntryGetsNewSettingsOrIsRemovedOnceByAnyNode() {
        RegistryStore a = node().registry();
        RegistryStore b = node().registry();
        a.add(new Entry(Section.GATEWAY, "hue-gw", Map.of("id", "hue-gw", "secret", "old-secret"), T0, "admin"));

        assertThat(b.replace(Section.GATEWAY, "hue-gw", Map.of("id", "hue-gw", "secret", "new-secret"))).isTrue();
        assertThat(b.replace(Section.VENUE, "hue-gw", Map.of("code", "hue-gw"))).as("another section's key").isFalse();
        assertThat(a.list()).singleElement().satisfies(e -> assertThat(e.settings()).containsEntry("secret", "new-secret"));
        assertThat(a.remove(Section.GATEWAY, "hue-gw")).isTrue();
        assertThat(b.remove(Section.GATEWAY, "hue-gw")).as("already removed").isFalse();
        assertThat(b.list()).isEmpty();
    }
}
