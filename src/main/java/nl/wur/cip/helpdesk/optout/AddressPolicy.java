package nl.wur.cip.helpdesk.optout;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Guards the checker against server-side request forgery: only http(s) URLs without user info, whose host resolves
 * only to public addresses, unless the configuration allows private ones.
 *
 * <p>Caveat (DNS rebinding, a time-of-check/time-of-use gap): the host is resolved here and then again by the HTTP
 * client when it connects, because {@link java.net.http.HttpClient} cannot be pinned to an address. A hostile DNS
 * server answering a public address first and a private one a moment later could slip past this check. The checker
 * only issues GET requests, reads at most a capped body and reports no body content beyond short evidence lines,
 * which limits what such an attack could reach or reveal; deployments should also block outbound traffic from the
 * helpdesk to internal networks at the firewall.
 */
public final class AddressPolicy {
    public static final int MAX_URL_CHARS = 2000;

    /** Resolves a host name to its addresses; replaceable in tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final Predicate<InetAddress> allowedAnyway;
    private final Resolver resolver;

    /** @param allowedAnyway non-public addresses that are allowed all the same (e.g. loopback in tests) */
    public AddressPolicy(Predicate<InetAddress> allowedAnyway, Resolver resolver) {
        this.allowedAnyway = allowedAnyway;
        this.resolver = resolver;
    }

    public static AddressPolicy of(OptOutConfig config) {
        return new AddressPolicy(address -> config.allowPrivateAddresses(), InetAddress::getAllByName);
    }

    /** Parses and checks the form of a URL given by a user, without resolving it. */
    public static URI parse(String text) {
        if (text == null || text.isBlank()) {
            throw new UrlRefusedException(
                    "give the address (URL) of the page you plan to scrape",
                    "geef het adres (URL) van de pagina die je wilt scrapen");
        }
        String url = text.strip();
        if (url.length() > MAX_URL_CHARS) {
            throw new UrlRefusedException(
                    "the address is longer than " + MAX_URL_CHARS + " characters",
                    "het adres is langer dan " + MAX_URL_CHARS + " tekens");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new UrlRefusedException(
                    "the address is not a valid URL: " + e.getReason(), "het adres is geen geldige URL");
        }
        return checkForm(uri);
    }

    /** Scheme http(s), a host, no user info. */
    static URI checkForm(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new UrlRefusedException(
                    "only http:// and https:// addresses can be checked",
                    "alleen adressen met http:// en https:// kunnen worden gecontroleerd");
        }
        if (uri.getRawUserInfo() != null
                || (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@"))) {
            throw new UrlRefusedException(
                    "addresses with a user name or password cannot be checked",
                    "adressen met een gebruikersnaam of wachtwoord kunnen niet worden gecontroleerd");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new UrlRefusedException(
                    "the address has no valid host name", "het adres heeft geen geldige hostnaam");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            throw new UrlRefusedException(
                    "the address has an invalid port", "het adres heeft een ongeldig poortnummer");
        }
        return uri.normalize();
    }

    /**
     * Resolves the host and checks every address it resolves to.
     *
     * @throws UrlRefusedException  if any address is not public (and not allowed anyway)
     * @throws UnknownHostException if the host does not resolve
     */
    public List<InetAddress> check(URI uri) throws UnknownHostException {
        checkForm(uri);
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        InetAddress[] addresses = resolver.resolve(host);
        if (addresses.length == 0) {
            throw new UnknownHostException(host);
        }
        for (InetAddress address : addresses) {
            if (!isPublic(address) && !allowedAnyway.test(address)) {
                throw new UrlRefusedException(
                        "the address " + uri.getHost() + " points to a private, local or reserved"
                                + " network address; only public websites can be checked",
                        "het adres " + uri.getHost()
                                + " wijst naar een privé-, lokaal of gereserveerd netwerkadres; alleen openbare websites kunnen worden gecontroleerd");
            }
        }
        return List.of(addresses);
    }

    /** False for loopback, private, link-local, multicast, any-local, CGNAT and other reserved ranges. */
    public static boolean isPublic(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            byte[] embedded = embeddedIpv4(b);
            if (embedded != null) {
                try {
                    return isPublic(InetAddress.getByAddress(embedded));
                } catch (UnknownHostException e) {
                    return false;
                }
            }
            if (address.isAnyLocalAddress()
                    || address.isLoopbackAddress()
                    || address.isLinkLocalAddress()
                    || address.isSiteLocalAddress()
                    || address.isMulticastAddress()) {
                return false;
            }
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) { // fc00::/7 unique local
                return false;
            }
            if (first == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
                return false; // 2001:db8::/32 documentation
            }
            return true;
        }
        if (address instanceof Inet4Address) {
            byte[] b = address.getAddress();
            int a0 = b[0] & 0xff;
            int a1 = b[1] & 0xff;
            int a2 = b[2] & 0xff;
            if (address.isAnyLocalAddress()
                    || address.isLoopbackAddress()
                    || address.isLinkLocalAddress()
                    || address.isSiteLocalAddress()
                    || address.isMulticastAddress()) {
                return false;
            }
            return !(a0 == 0 // 0.0.0.0/8 "this network"
                    || a0 == 10
                    || a0 == 127 // private, loopback
                    || (a0 == 100 && (a1 & 0xc0) == 64) // 100.64.0.0/10 carrier-grade NAT
                    || (a0 == 169 && a1 == 254) // link-local (cloud metadata)
                    || (a0 == 172 && (a1 & 0xf0) == 16) // 172.16.0.0/12
                    || (a0 == 192 && a1 == 168) // 192.168.0.0/16
                    || (a0 == 192 && a1 == 0 && a2 == 0) // 192.0.0.0/24 protocol assignments
                    || (a0 == 192 && a1 == 0 && a2 == 2) // documentation
                    || (a0 == 198 && (a1 & 0xfe) == 18) // 198.18.0.0/15 benchmarking
                    || (a0 == 198 && a1 == 51 && a2 == 100) // documentation
                    || (a0 == 203 && a1 == 0 && a2 == 113) // documentation
                    || a0 >= 224); // multicast, reserved, broadcast
        }
        return false;
    }

    /** The IPv4 address inside an IPv4-mapped, IPv4-compatible or NAT64 (64:ff9b::/96) IPv6 address, else null. */
    private static byte[] embeddedIpv4(byte[] b) {
        boolean zeros80 = true;
        for (int i = 0; i < 10; i++) {
            zeros80 &= b[i] == 0;
        }
        boolean mapped = zeros80 && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible =
                zeros80 && b[10] == 0 && b[11] == 0 && !(b[12] == 0 && b[13] == 0 && b[14] == 0 && (b[15] & 0xfe) == 0);
        boolean nat64 =
                (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
        for (int i = 4; nat64 && i < 12; i++) {
            nat64 = b[i] == 0;
        }
        if (mapped || compatible || nat64) {
            return new byte[] {b[12], b[13], b[14], b[15]};
        }
        return null;
    }
}
