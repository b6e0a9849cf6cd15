package vn.bluezone.portal.gateway;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.util.List;

/** The addresses a gateway's visitors reach the portal from ({@code source-addresses}): IP addresses and CIDR blocks. */
public final class SourceAddresses {
    private final List<IPAddress> blocks;

    /** @param addresses already validated by the configuration; empty = any address */
    public SourceAddresses(List<String> addresses) {
        this.blocks = addresses.stream().map(a -> new IPAddressString(a).getAddress()).toList();
    }

    /** Whether a request from {@code address} may come through the gateway: always when no addresses are configured. */
    public boolean allows(String address) {
        if (blocks.isEmpty()) {
            return true;
        }
        IPAddress source = new IPAddressString(address).getAddress();
        if (source == null) {
            return false;
        }
        // an IPv4 client reaching a dual-stack listener appears as ::ffff:a.b.c.d
        IPAddress plain = source.isIPv4Convertible() && source.isIPv6() ? source.toIPv4() : source;
        return blocks.stream().anyMatch(block -> block.contains(source) || block.contains(plain));
    }
}
