package dev.switchboard.automation.internal;

import dev.switchboard.notification.OutboundChannel.DeliveryRefused;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where webhooks may go. A webhook makes Switchboard send a request wherever an admin points it, so it must
 * not become a way into the network it runs in (SSRF): only {@code http} and {@code https}, and never to an
 * address that is loopback, private (RFC 1918, IPv6 unique local fc00::/7), link-local (169.254/16 with the
 * clouds' metadata service, fe80::/10), carrier-grade NAT (100.64/10), multicast, unspecified or reserved —
 * also when such an address hides inside an IPv6 one (IPv4-mapped or -compatible, NAT64, 6to4) — unless the
 * operator allows the host or network in {@code switchboard.webhooks.allowed-hosts} (host names as written in
 * the URL, addresses, CIDR blocks). Checked when a trigger is saved and again right before each attempt, on
 * every address the name resolves to then, since DNS can change in between.
 */
@Component
class WebhookAddresses {

    /** A network and why calls into it are refused. */
    private record Block(Network network, String what) {
    }

    private static final List<Block> BLOCKED = List.of(
            block("0.0.0.0/8", "a 'this network' address"), block("10.0.0.0/8", "a private address"),
            block("100.64.0.0/10", "a carrier-grade NAT address"), block("127.0.0.0/8", "a loopback address"),
            block("169.254.0.0/16", "a link-local address (cloud metadata lives there)"),
            block("172.16.0.0/12", "a private address"), block("192.0.0.0/24", "an IETF protocol address"),
            block("192.168.0.0/16", "a private address"), block("198.18.0.0/15", "a benchmarking address"),
            block("224.0.0.0/4", "a multicast address"), block("240.0.0.0/4", "a reserved address"),
            block("::/128", "the unspecified address"), block("::1/128", "a loopback address"),
            block("fc00::/7", "a unique local (private) address"), block("fe80::/10", "a link-local address"),
            block("fec0::/10", "a site-local address"), block("ff00::/8", "a multicast address"));

    private final Set<String> allowedHosts = new TreeSet<>();
    private final List<Network> allowedNetworks = new ArrayList<>();

    WebhookAddresses(@Value("${switchboard.webhooks.allowed-hosts:}") List<String> allowed) {
        for (String entry : allowed) {
            String e = entry.strip().toLowerCase(Locale.ROOT);
            if (e.isEmpty()) {
                continue;
            }
            Network network = Network.parse(e);
            if (network != null) {
                allowedNetworks.add(network);
            } else {
                allowedHosts.add(e);
            }
        }
    }

    /** Why a trigger may not call this URL (null when it may): its form, and every address its host has now. */
    String problemWith(String url) {
        try {
            check(url);
            return null;
        } catch (Refused e) {
            return e.getMessage();
        }
    }

    /**
     * The URI to call, after checking it and every address its host resolves to now. A URL or address that
     * may not be called is {@link DeliveryRefused} (final); a host that does not resolve is an
     * {@link UnknownHostException}, which may pass (DNS trouble), so the outbox tries again.
     */
    URI forDelivery(String url) throws UnknownHostException {
        try {
            return check(url);
        } catch (Refused e) {
            if (e.getCause() instanceof UnknownHostException unknown) {
                throw unknown;
            }
            throw new DeliveryRefused("webhook refused: " + e.getMessage(), null);
        }
    }

    private URI check(String url) throws Refused {
        if (url.length() > 2000) {
            throw new Refused("at most 2000 characters", null);
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new Refused("not a URL: " + e.getReason(), null);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new Refused("must start with https:// or http://", null);
        }
        if (uri.getRawUserInfo() != null) {
            throw new Refused("must carry no user name or password; receivers check the X-Switchboard-Signature header", null);
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw new Refused("has no host name", null);
        }
        host = host.toLowerCase(Locale.ROOT);
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (allowedHosts.contains(host) || allowedHosts.contains(bare)) {
            return uri;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(bare);
        } catch (UnknownHostException e) {
            throw new Refused("the host " + bare + " does not resolve", e);
        }
        for (InetAddress address : addresses) {
            String why = refusal(address);
            if (why != null) {
                throw new Refused(bare + " is " + address.getHostAddress() + ", " + why
                        + ", which webhooks may not call unless switchboard.webhooks.allowed-hosts allows it", null);
            }
        }
        return uri;
    }

    /** Why calls to this address are refused, or null when they are not. */
    private String refusal(InetAddress address) {
        if (allowedNetworks.stream().anyMatch(n -> n.contains(address))) {
            return null;
        }
        for (Block block : BLOCKED) {
            if (block.network().contains(address)) {
                return block.what();
            }
        }
        InetAddress embedded = embeddedIpv4(address);
        return embedded == null ? null : refusal(embedded);
    }

    /** The IPv4 address inside an IPv6 one (mapped, compatible, NAT64 64:ff9b::/96, 6to4 2002::/16), or null. */
    private static InetAddress embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return null;
        }
        byte[] b = address.getAddress();
        boolean zeroPrefix = Arrays.equals(Arrays.copyOfRange(b, 0, 10), new byte[10]);
        boolean mapped = zeroPrefix && (b[10] == (byte) 0xff && b[11] == (byte) 0xff);
        boolean compatible = zeroPrefix && b[10] == 0 && b[11] == 0;
        boolean nat64 = b[0] == 0 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b
                && Arrays.equals(Arrays.copyOfRange(b, 4, 12), new byte[8]);
        try {
            if (mapped || compatible || nat64) {
                return InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16));
            }
            if (b[0] == 0x20 && b[1] == 0x02) {
                return InetAddress.getByAddress(Arrays.copyOfRange(b, 2, 6));
            }
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // four bytes are always an address
        }
        return null;
    }

    private static Block block(String cidr, String what) {
        return new Block(Network.parse(cidr), what);
    }

    /** A CIDR block ({@code 10.0.0.0/8}, {@code fc00::/7}) or a single address. */
    record Network(byte[] prefix, int bits) {

        /** The network an allow-list entry or a literal names, or null when it is a host name. */
        static Network parse(String text) {
            String address = text;
            int bits = -1;
            int slash = text.indexOf('/');
            if (slash > 0) {
                address = text.substring(0, slash);
                try {
                    bits = Integer.parseInt(text.substring(slash + 1));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("switchboard.webhooks.allowed-hosts: '" + text + "' is not a CIDR block");
                }
            }
            if (!address.contains(":") && !address.matches("[0-9.]+")) {
                if (bits >= 0) {
                    throw new IllegalArgumentException("switchboard.webhooks.allowed-hosts: '" + text + "' is not a CIDR block");
                }
                return null;
            }
            try {
                byte[] bytes = InetAddress.getByName(address).getAddress(); // a literal: no DNS lookup
                int max = bytes.length * 8;
                if (bits > max) {
                    throw new IllegalArgumentException("switchboard.webhooks.allowed-hosts: '" + text + "' has a prefix over " + max);
                }
                return new Network(bytes, bits < 0 ? max : bits);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("switchboard.webhooks.allowed-hosts: '" + text + "' is not an address", e);
            }
        }

        boolean contains(InetAddress address) {
            byte[] a = address.getAddress();
            if (a.length != prefix.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (a[i] != prefix[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xff << (8 - rest) & 0xff;
            return (a[full] & mask) == (prefix[full] & mask);
        }
    }

    /** Why a URL may not take webhooks, in words for the admin. */
    private static final class Refused extends Exception {
        Refused(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
