package dev.gatehouse.adapter.in.http.oauth;

import dev.gatehouse.application.oauth.OAuthException;
import dev.gatehouse.application.token.port.in.IntrospectTokenUseCase;
import dev.gatehouse.domain.token.AccessTokenClaims;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /v1/oauth/introspect}: RFC 7662 token introspection, client-authenticated.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7662#section-2">RFC 7662 §2</a>
 */
public final class IntrospectionEndpoint {

    private final IntrospectTokenUseCase introspect;

    public IntrospectionEndpoint(IntrospectTokenUseCase introspect) {
        this.introspect = introspect;
    }

    public void handle(Context ctx) {
        boolean triedBasic = OAuthRequest.triedBasic(ctx);
        try {
            OAuthRequest request = OAuthRequest.parse(ctx);
            Optional<AccessTokenClaims> live = introspect.introspect(request.authentication(), request.parameter("token"));
            OAuthResponses.ok(ctx, live.map(IntrospectionEndpoint::active).orElse(Map.of("active", false)));
        } catch (OAuthException e) {
            OAuthResponses.error(ctx, e.error(), triedBasic);
        }
    }

    private static Map<String, Object> active(AccessTokenClaims claims) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("active", true);
        body.put("scope", claims.scope().toParameter());
        body.put("client_id", claims.clientId().value());
        body.put("token_type", "Bearer");
        body.put("exp", claims.expiresAt().getEpochSecond());
        body.put("iat", claims.issuedAt().getEpochSecond());
        body.put("nbf", claims.notBefore().getEpochSecond());
        body.put("sub", claims.clientId().value());
        body.put("aud", claims.audience());
        body.put("iss", claims.issuer());
        body.put("jti", claims.jwtId());
        body.put("workspace_id", claims.workspaceId().value());
        claims.projects().ifPresent(p -> body.put("projects", p.stream().map(Object::toString).toList()));
        return body;
    }
}
