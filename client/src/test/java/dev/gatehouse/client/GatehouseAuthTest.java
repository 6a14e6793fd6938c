package dev.gatehouse.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GatehouseAuthTest {

    private final LocalIssuer issuer = new LocalIssuer();
    private final HttpClient http = HttpClient.newHttpClient();
    private Javalin app;

    @BeforeEach
    void start() {
        TokenVerifier verifier = TokenVerifier.builder(LocalIssuer.ISSUER, issuer.jwksUri()).build();
        app = Javalin.create(config -> {
            config.routes.before("/orders", GatehouseAuth.require(verifier, "orders:read"));
            config.routes.get("/orders", ctx -> ctx.result("orders for " + GatehouseAuth.token(ctx).workspaceId()));
        }).start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        app.stop();
        issuer.close();
    }

    private HttpResponse<String> get(String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/orders"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void requestWhenTokenGrantsScopeThenHandlerRunsWithTheToken() throws Exception {
        HttpResponse<String> response = get("Bearer " + issuer.token(c -> c.claim("scope", "orders:*")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("orders for o_1");
    }

    @Test
    void requestWhenNoBearerThen401WithRealmOnly() throws Exception {
        HttpResponse<String> response = get(null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"gatehouse\"");
        assertThat(response.body()).contains("\"error\"").doesNotContain("orders for");
    }

    @Test
    void requestWhenTokenInvalidThen401InvalidToken() throws Exception {
        HttpResponse<String> response = get("Bearer not-a-jwt");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow())
                .startsWith("Bearer realm=\"gatehouse\", error=\"invalid_token\", error_description=");
        assertThat(response.body()).doesNotContain("orders for");
    }

    @Test
    void requestWhenScopeMissingThen403InsufficientScope() throws Exception {
        HttpResponse<String> response = get("Bearer " + issuer.token(c -> c.claim("scope", "sources:read")));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .contains("Bearer realm=\"gatehouse\", error=\"insufficient_scope\", scope=\"orders:read\"");
        assertThat(response.body()).doesNotContain("orders for");
    }
}
