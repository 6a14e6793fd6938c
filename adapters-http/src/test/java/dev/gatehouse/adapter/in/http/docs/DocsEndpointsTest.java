package dev.gatehouse.adapter.in.http.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.adapter.in.http.GatehouseHttpServer;
import dev.gatehouse.adapter.in.http.HttpSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /openapi.yaml} serves docs/openapi.yaml, and {@code GET /docs} is a page whose every script, style
 * and icon is served by this server. None of them needs a credential.
 */
class DocsEndpointsTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern ASSET_REFERENCE = Pattern.compile("<(?:script|link)\\b[^>]*?\\b(?:src|href)=\"([^\"]+)\"");

    private static GatehouseHttpServer server;
    private static String base;
    private static final OpenApiContract SPEC = OpenApiContract.fromClasspath();

    @BeforeAll
    static void start() {
        server = GatehouseHttpServer.create(StubUseCases.create(),
                new HttpSettings("127.0.0.1", 0, "http://localhost:8080", Duration.ofSeconds(15))).start();
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void specIsServedAsYamlWithoutCredential() throws Exception {
        HttpResponse<String> response = get("/openapi.yaml");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/yaml").contains("charset=utf-8"));
        assertThat(response.body()).isEqualTo(Files.readString(Path.of("..", "docs", "openapi.yaml")));
        SPEC.assertConforms("getOpenApiDocument", response.statusCode(), response.headers().map(), "");
    }

    @Test
    void referencePageLoadsEveryAssetFromThisServer() throws Exception {
        HttpResponse<String> page = get("/docs");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("default-src 'self'", "script-src 'self'").doesNotContain("http"));
        assertThat(page.body()).doesNotContain("http://", "https://", "src=\"//", "href=\"//");
        List<String> assets = new ArrayList<>();
        Matcher matcher = ASSET_REFERENCE.matcher(page.body());
        while (matcher.find()) {
            assets.add(matcher.group(1));
        }
        assertThat(assets).contains("/docs/assets/swagger-ui-bundle.js", "/docs/assets/swagger-ui.css",
                "/docs/assets/gatehouse-docs.js");
        for (String asset : assets) {
            HttpResponse<String> loaded = get(asset);
            assertThat(loaded.statusCode()).as(asset).isEqualTo(200);
            assertThat(loaded.body()).as(asset).isNotEmpty();
            if (asset.endsWith(".css")) {
                assertThat(loaded.body()).as("%s loads nothing from another host", asset)
                        .doesNotContainPattern("url\\(\\s*['\"]?(https?:)?//").doesNotContain("@import");
            }
            SPEC.assertConforms("getReferencePageAsset", loaded.statusCode(), loaded.headers().map(), "");
        }
    }

    @Test
    void initializerRendersTheServedSpecWithNoOnlineValidator() throws Exception {
        HttpResponse<String> script = get("/docs/assets/gatehouse-docs.js");

        assertThat(script.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/javascript"));
        assertThat(script.body()).contains("url: '/openapi.yaml'", "validatorUrl: null").doesNotContain("http");
    }

    @Test
    void swaggerUiBundleIsServedAsJavaScript() throws Exception {
        HttpResponse<String> bundle = get("/docs/assets/swagger-ui-bundle.js");

        assertThat(bundle.statusCode()).isEqualTo(200);
        assertThat(bundle.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/javascript"));
        assertThat(bundle.body()).contains("SwaggerUIBundle");
    }

    @Test
    void unknownAssetIsNotFoundInThePipedreamShape() throws Exception {
        HttpResponse<String> response = get("/docs/assets/..%2Fopenapi.yaml");
        HttpResponse<String> other = get("/docs/assets/index.html");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(other.statusCode()).isEqualTo(404);
        SPEC.assertConforms("getReferencePageAsset", other.statusCode(), other.headers().map(), other.body());
    }

    @Test
    void metadataPointsAtTheReferencePage() throws Exception {
        HttpResponse<String> response = get("/.well-known/oauth-authorization-server");

        SPEC.assertConforms("getAuthorizationServerMetadata", response.statusCode(), response.headers().map(), response.body());
        assertThat(response.body()).contains("\"service_documentation\":\"http://localhost:8080/docs\"");
    }

    @Test
    void healthConformsToTheSpec() throws Exception {
        HttpResponse<String> response = get("/health");

        SPEC.assertConforms("health", response.statusCode(), response.headers().map(), response.body());
    }

    @Test
    void contractHelperReportsAResponseTheSpecDoesNotDocument() {
        List<String> problems = SPEC.problems("getCurrentUser", 200, Map.of("Content-Type", List.of("application/json")),
                "{\"data\":{\"id\":\"not-a-user-id\",\"email\":\"a@b.c\"}}");
        List<String> undocumented = SPEC.problems("getCurrentUser", 418, Map.of(), "");
        List<String> missingChallenge = SPEC.problems("getCurrentUser", 401, Map.of("Content-Type", List.of("application/json")),
                "{\"error\":\"no\"}");

        assertThat(problems).anySatisfy(p -> assertThat(p).contains("/data/id"))
                .anySatisfy(p -> assertThat(p).contains("username"));
        assertThat(undocumented).containsExactly("status 418 is not documented");
        assertThat(missingChallenge).containsExactly("the required header WWW-Authenticate is missing");
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
