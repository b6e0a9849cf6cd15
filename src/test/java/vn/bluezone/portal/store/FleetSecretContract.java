package vn.bluezone.portal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * {@link Stores#secrets()}: every node on one database derives the same keys (device keys, visit seals, grant tokens),
 * also when several start at the same moment.
 */
public abstract class FleetSecretContract extends StoreContract {

    private static String fingerprint(Stores stores) {
        return java.util.HexFormat.of().formatHex(stores.secrets().derive("fingerprint"));
    }

    @Test
    void nodesThatStartTogetherAllGetTheSecretTheFirstOneCreated() throws Exception {
        List<Stores> nodes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            nodes.add(node());
        }
        ExecutorService starting = Executors.newFixedThreadPool(nodes.size());
        List<Callable<String>> asks = nodes.stream().<Callable<String>>map(n -> () -> fingerprint(n)).toList();
        List<String> fingerprints = new ArrayList<>();
        for (Future<String> f : starting.invokeAll(asks)) {
            fingerprints.add(f.get());
        }
        starting.shutdown();

        assertThat(fingerprints).hasSize(4).allMatch(fingerprints.get(0)::equals);
        assertThat(fingerprint(node())).as("a node that starts later").isEqualTo(fingerprints.get(0));
    }
}
