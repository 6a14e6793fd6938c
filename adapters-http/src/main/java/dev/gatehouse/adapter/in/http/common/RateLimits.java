package dev.gatehouse.adapter.in.http.common;

/**
 * The rate limits of contract §4, each a number of events per minute. The defaults let honest traffic
 * through and stop guessing.
 *
 * @param failedClientAuthPerClient failed client authentications for each {@code client_id}
 * @param tokenRequestsPerClient    token requests for each client
 * @param failedBearerPerIp         failed bearer checks for each IP address
 * @param consoleSignInFailures     failed console sign-ins for each account and for each IP address
 */
public record RateLimits(int failedClientAuthPerClient, int tokenRequestsPerClient, int failedBearerPerIp, int consoleSignInFailures) {

    public RateLimits {
        if (failedClientAuthPerClient < 1 || tokenRequestsPerClient < 1 || failedBearerPerIp < 1 || consoleSignInFailures < 1) {
            throw new IllegalArgumentException("every rate limit must allow at least one event a minute");
        }
    }

    public static RateLimits defaults() {
        return new RateLimits(60, 600, 300, 10);
    }
}
