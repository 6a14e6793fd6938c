package dev.gatehouse.adapter.in.http.common;

/**
 * The rate limits of contract §4, each a number of events per minute. The defaults let honest traffic
 * through and stop guessing.
 *
 * @param failedClientAuthPerClient failed client authentications for each {@code client_id}
 * @param tokenRequestsPerClient    token requests for each client
 * @param failedBearerPerIp         failed bearer checks for each IP address
 * @param consoleSignInFailures     failed console sign-ins for each account and for each IP address
 * @param oauthRequestsPerIp        requests to the token, introspection and revocation endpoints for each IP address
 * @param failedClientAuthPerIp     failed client authentications for each IP address, whatever {@code client_id} they name
 */
public record RateLimits(int failedClientAuthPerClient, int tokenRequestsPerClient, int failedBearerPerIp, int consoleSignInFailures,
                         int oauthRequestsPerIp, int failedClientAuthPerIp) {

    public RateLimits {
        if (failedClientAuthPerClient < 1 || tokenRequestsPerClient < 1 || failedBearerPerIp < 1 || consoleSignInFailures < 1
                || oauthRequestsPerIp < 1 || failedClientAuthPerIp < 1) {
            throw new IllegalArgumentException("every rate limit must allow at least one event a minute");
        }
    }

    /** The four limits of contract §4, with the default per-IP limits of the OAuth endpoints. */
    public RateLimits(int failedClientAuthPerClient, int tokenRequestsPerClient, int failedBearerPerIp, int consoleSignInFailures) {
        this(failedClientAuthPerClient, tokenRequestsPerClient, failedBearerPerIp, consoleSignInFailures,
                DEFAULT_OAUTH_REQUESTS_PER_IP, DEFAULT_FAILED_CLIENT_AUTH_PER_IP);
    }

    /** Many services behind one NAT address may ask for tokens; this stops a flood, not a busy gateway. */
    public static final int DEFAULT_OAUTH_REQUESTS_PER_IP = 3000;
    /** Guessing across many {@code client_id}s from one address. */
    public static final int DEFAULT_FAILED_CLIENT_AUTH_PER_IP = 300;

    public static RateLimits defaults() {
        return new RateLimits(60, 600, 300, 10);
    }
}
