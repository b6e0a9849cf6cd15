package vn.bluezone.portal.radius;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import vn.bluezone.portal.config.NasClientSettings;

/**
 * Which NAS a request comes from, by its source address: an exact address first, then the most
 * specific CIDR block that contains it. Looked up once per packet, before anything else, in an immutable
 * snapshot that {@link #replace} swaps as a whole when operators add clients in the web UI (readers never lock).
 */
public final class NasClients {
    private record Block(IPAddress network, NasClient client) {
    }

    private record Snapshot(List<NasClientSettings> settings, Map<InetAddress, NasClient> exact, List<Block> blocks) {
    }

    private final AtomicReference<Snapshot> snapshot = new AtomicReference<>();

    public NasClients(List<NasClientSettings> settings) {
        replace(settings);
    }

    /** Swaps in a new list of every NAS client (configured first). */
    public void replace(List<NasClientSettings> settings) {
        Map<InetAddress, NasClient> exact = new HashMap<>();
        List<Block> blocks = new ArrayList<>();
        for (NasClientSettings s : settings) {
            IPAddress address = new IPAddressString(s.address()).getAddress();
            NasClient client = NasClient.of(s);
            if (address.isPrefixed() && address.getNetworkPrefixLength() < address.getBitCount()) {
                blocks.add(new Block(address.toPrefixBlock(), client));
            } else {
                exact.putIfAbsent(address.withoutPrefixLength().toInetAddress(), client);
            }
        }
        blocks.sort(Comparator.comparing((Block b) -> b.network().getNetworkPrefixLength()).reversed());
        snapshot.set(new Snapshot(List.copyOf(settings), Map.copyOf(exact), List.copyOf(blocks)));
    }

    /** Every NAS client, configured ones first. */
    public List<NasClientSettings> all() {
        return snapshot.get().settings();
    }

    public int size() {
        return snapshot.get().settings().size();
    }

    Optional<NasClient> find(InetAddress source) {
        Snapshot s = snapshot.get();
        NasClient client = s.exact().get(source);
        if (client != null || s.blocks().isEmpty()) {
            return Optional.ofNullable(client);
        }
        IPAddress address = new IPAddressString(source.getHostAddress()).getAddress();
        if (address == null) {
            return Optional.empty();
        }
        for (Block b : s.blocks()) {
            if (b.network().contains(address)) {
                return Optional.of(b.client());
            }
        }
        return Optional.empty();
    }

    /** The client of this name (for sending it a Disconnect-Request). */
    Optional<NasClient> named(String name) {
        Snapshot s = snapshot.get();
        List<NasClient> all = new ArrayList<>(s.exact().values());
        s.blocks().forEach(b -> all.add(b.client()));
        return all.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
