package dev.gatehouse.adapter.in.http.oauth;

import dev.gatehouse.adapter.in.http.common.BearerAuth;
import dev.gatehouse.adapter.in.http.common.ClientAddress;
import dev.gatehouse.adapter.in.http.common.RateLimiter;
import dev.gatehouse.adapter.in.http.common.RateLimits;
import dev.gatehouse.domain.client.ClientId;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Duration;
import java.util.Optional;

/**
 * The rate limits of the client-authenticated OAuth endpoints (token, introspection, revocation), checked
 * before the client's secret is looked at:
 * <ul>
 *   <li>requests per IP address, and failed client authentications per IP address;</li>
 *   <li>failed client authentications per {@code client_id} (contract §4: 60 a minute), so that guessing one
 *       client's secret meets 429 however many addresses it comes from;</li>
 *   <li>token requests per {@code client_id} (contract §4: 600 a minute), at the token endpoint only; its
 *       answers carry that limit's {@code X-RateLimit-*} headers.</li>
 * </ul>
 * A failure is an answer of 401, which at these endpoints is always {@code invalid_client}. Only well-formed
 * {@code client_id}s get a bucket of their own: a malformed one can never authenticate, and counts against its
 * address only.
 */
public final class OAuthThrottle {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final RateLimiter requestsPerIp;
    private final RateLimiter failuresPerIp;
    private final RateLimiter failuresPerClient;
    private final RateLimiter tokenRequestsPerClient;
    private final ClientAddress addresses;

    public OAuthThrottle(RateLimits limits, ClientAddress addresses) {
        this.requestsPerIp = RateLimiter.of(limits.oauthRequestsPerIp(), MINUTE);
        this.failuresPerIp = RateLimiter.of(limits.failedClientAuthPerIp(), MINUTE);
        this.failuresPerClient = RateLimiter.of(limits.failedClientAuthPerClient(), MINUTE);
        this.tokenRequestsPerClient = RateLimiter.of(limits.tokenRequestsPerClient(), MINUTE);
        this.addresses = addresses;
    }

    /** The token endpoint: every limit, including token requests per client. */
    public Handler tokenRequests(Handler endpoint) {
        return ctx -> guard(ctx, endpoint, true);
    }

    /** Introspection and revocation: the per-IP limits and failed authentications per client. */
    public Handler clientAuthenticated(Handler endpoint) {
        return ctx -> guard(ctx, endpoint, false);
    }

    private void guard(Context ctx, Handler endpoint, boolean countTokenRequests) throws Exception {
        String ip = addresses.of(ctx);
        requestsPerIp.acquire(ip).orThrottle();
        failuresPerIp.check(ip).orThrottle();
        Optional<String> clientId = OAuthRequest.claimedClientId(ctx).filter(ClientId::isWellFormed);
        if (clientId.isPresent()) {
            String id = clientId.get();
            ctx.attribute(BearerAuth.PRINCIPAL_ATTRIBUTE, "client:" + id);
            failuresPerClient.check(id).orThrottle();
            if (countTokenRequests) {
                RateLimiter.Decision decision = tokenRequestsPerClient.acquire(id);
                decision.orThrottle();
                decision.headers().forEach(ctx::header);
            }
        }
        endpoint.handle(ctx);
        if (ctx.statusCode() == 401) {
            failuresPerIp.recordFailure(ip);
            clientId.ifPresent(failuresPerClient::recordFailure);
        }
    }
}
