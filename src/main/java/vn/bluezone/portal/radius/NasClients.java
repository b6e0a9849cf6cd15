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
import vn.bluezone.portal.config.NasClientSettings;

/**
 * Which NAS a request comes from, by its source address: an exact address first, then the most
 * specific CIDR block that contains it. Immutable; looked up once per packet, before anything else.
 */
final class NasClients {
    private final Map<InetAddress, NasClient> exact = new HashMap<>();
    private final List<Block> blocks = new ArrayList<>();

    private record Block(IPAddress network, NasClient client) {
    }

    NasClients(List<NasClientSettings> settings) {
        for (NasClientSettings s : settings) {
            IPAddress address = new IPAddressString(s.address()).getAddress();
            NasClient client = NasClient.of(s);
            if (address.isPrefixed() && address.getNetworkPrefixLength() < address.getBitCount()) {
                blocks.add(new Block(address.toPrefixBlock(), client));
            } else {
                exact.put(address.withoutPrefixLength().toInetAddress(), client);
            }
        }
        blocks.sort(Comparator.comparing((Block b) -> b.network().getNetworkPrefixLength()).reversed());
    }

    Optional<NasClient> find(InetAddress source) {
        NasClient client = exact.get(source);
        if (client != null || blocks.isEmpty()) {
            return Optional.ofNullable(client);
        }
        IPAddress address = new IPAddressString(source.getHostAddress()).getAddress();
        if (address == null) {
            return Optional.empty();
        }
        for (Block b : blocks) {
            if (b.network().contains(address)) {
                return Optional.of(b.client());
            }
        }
        return Optional.empty();
    }

    /** The client of this name (for sending it a Disconnect-Request). */
    Optional<NasClient> named(String name) {
        return allClients().stream().filter(c -> c.name().equals(name)).findFirst();
    }

    private List<NasClient> allClients() {
        List<NasClient> all = new ArrayList<>(exact.values());
        blocks.forEach(b -> all.add(b.client()));
        return all;
    }
}
