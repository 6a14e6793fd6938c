package dev.gatehouse.adapter.in.http.oauth;

import dev.gatehouse.application.oauth.OAuthException;
import dev.gatehouse.application.token.port.in.IssueAccessTokenCommand;
import dev.gatehouse.application.token.port.in.IssueAccessTokenUseCase;
import dev.gatehouse.application.token.port.in.IssuedAccessToken;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /v1/oauth/token}: the client credentials grant, with JSON or form bodies and
 * {@code client_secret_basic} or {@code client_secret_post}.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-4.4">RFC 6749 §4.4</a>
 */
public final class TokenEndpoint {

    public static final String PATH = "/v1/oauth/token";

    private final IssueAccessTokenUseCase issue;

    public TokenEndpoint(IssueAccessTokenUseCase issue) {
        this.issue = issue;
    }

    public void handle(Context ctx) {
        boolean triedBasic = OAuthRequest.triedBasic(ctx);
        try {
            OAuthRequest request = OAuthRequest.parse(ctx);
            IssuedAccessToken token = issue.issue(new IssueAccessTokenCommand(
                    request.parameter("grant_type"), request.authentication(),
                    request.parameter("scope"), request.parameter("resource")));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("access_token", token.accessToken());
            body.put("token_type", "Bearer");
            body.put("expires_in", token.expiresInSeconds());
            body.put("created_at", token.issuedAt().getEpochSecond());
            body.put("scope", token.scope().toParameter());
            OAuthResponses.ok(ctx, body);
        } catch (OAuthException e) {
            OAuthResponses.error(ctx, e.error(), triedBasic);
        }
    }
}
