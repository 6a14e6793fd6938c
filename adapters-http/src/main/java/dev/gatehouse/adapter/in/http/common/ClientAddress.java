package dev.gatehouse.adapter.in.http.common;

import com.google.common.net.InetAddresses;
import io.javalin.http.Context;
import java.net.InetAddress;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.eclipse.jetty.util.InetAddressPattern;

/**
 * The IP address a request comes from, as the per-IP rate limits count it: the socket peer, unless that peer
 * is one of the configured trusted proxies, in which case {@code X-Forwarded-For} is read from the right,
 * skipping trusted proxies, and the first address that is not one of them is the client. With no trusted
 * proxies (the default) the header is ignored, so a client cannot choose its own address.
 */
public final class ClientAddress {

    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.\\-/]+");

    private final List<Predicate<InetAddress>> trusted;

    private ClientAddress(List<Predicate<InetAddress>> trusted) {
        this.trusted = trusted;
    }

    /** Reads only the socket peer. */
    public static ClientAddress socketPeer() {
        return new ClientAddress(List.of());
    }

    /**
     * Trusts {@code proxies}: IP addresses ({@code 10.0.0.1}), CIDR blocks ({@code 10.0.0.0/8}, {@code fd00::/8}) or
     * ranges ({@code 10.0.0.1-10.0.0.9}). Host names are refused, so that nothing here looks up DNS.
     */
    public static ClientAddress trusting(List<String> proxies) {
        List<Predicate<InetAddress>> patterns = proxies.stream().map(String::strip).filter(p -> !p.isEmpty()).map(p -> {
            if (!LITERAL.matcher(p).matches()) {
                throw new IllegalArgumentException("a trusted proxy must be an IP address, a CIDR block or a range: " + p);
            }
            try {
                return (Predicate<InetAddress>) InetAddressPattern.from(p);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("not an IP address, CIDR block or range: " + p);
            }
        }).toList();
        return new ClientAddress(patterns);
    }

    /** The client's address, for the limits and the access log. */
    public String of(Context ctx) {
        String peer = ctx.req().getRemoteAddr();
        return trusted.isEmpty() ? peer : resolve(peer, ctx.header("X-Forwarded-For"));
    }

    /** The client's address given the socket peer and the {@code X-Forwarded-For} header (null when absent). */
    String resolve(String peer, String forwarded) {
        if (trusted.isEmpty() || !isTrusted(peer)) {
            return peer;
        }
        if (forwarded == null || forwarded.isBlank()) {
            return peer;
        }
        String client = peer;
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (!InetAddresses.isInetAddress(hop)) {
                return client;
            }
            client = InetAddresses.toAddrString(InetAddresses.forString(hop));
            if (!isTrusted(client)) {
                return client;
            }
        }
        return client;
    }

    private boolean isTrusted(String peerOrHop) {
        String address = peerOrHop.startsWith("[") && peerOrHop.endsWith("]")
                ? peerOrHop.substring(1, peerOrHop.length() - 1)
                : peerOrHop;
        if (!InetAddresses.isInetAddress(address)) {
            return false;
        }
        InetAddress ip = InetAddresses.forString(address);
        return trusted.stream().anyMatch(pattern -> pattern.test(ip));
    }
}
