package dev.gatehouse.adapter.in.http.docs;

import dev.gatehouse.adapter.in.http.common.ApiException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code GET /openapi.yaml}, the API's OpenAPI 3.1 description, and {@code GET /docs}, a reference page that
 * renders it with Swagger UI. Every file comes from the classpath: the description is {@code docs/openapi.yaml},
 * copied in at build time, and Swagger UI comes from the {@code org.webjars:swagger-ui} jar, so the page loads
 * nothing from another host. None of these needs a credential.
 */
public final class DocsEndpoints {

    public static final String SPEC = "/openapi.yaml";
    public static final String PAGE = "/docs";
    public static final String ASSET = "/docs/assets/{file}";

    private static final String HERE = "/dev/gatehouse/adapter/in/http/docs/";
    /** Where the build puts {@code docs/openapi.yaml} on the classpath. */
    public static final String SPEC_RESOURCE = HERE + "openapi.yaml";

    /**
     * Scripts and styles only from this server; Swagger UI styles some elements inline and draws a few icons as
     * data URLs.
     */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; "
            + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

    private record Asset(String resource, String contentType) {}

    private final byte[] spec;
    private final byte[] page;
    private final Map<String, Asset> assets;
    private final Map<String, byte[]> loaded = new ConcurrentHashMap<>();

    private DocsEndpoints(byte[] spec, byte[] page, Map<String, Asset> assets) {
        this.spec = spec;
        this.page = page;
        this.assets = assets;
    }

    /** Reads the description and the page now, so that a jar built without them fails at start, not on a request. */
    public static DocsEndpoints fromClasspath() {
        String swaggerUi = "/META-INF/resources/webjars/swagger-ui/" + swaggerUiVersion() + "/";
        Map<String, Asset> assets = Map.of(
                "swagger-ui-bundle.js", new Asset(swaggerUi + "swagger-ui-bundle.js", "text/javascript; charset=utf-8"),
                "swagger-ui.css", new Asset(swaggerUi + "swagger-ui.css", "text/css; charset=utf-8"),
                "index.css", new Asset(swaggerUi + "index.css", "text/css; charset=utf-8"),
                "favicon-32x32.png", new Asset(swaggerUi + "favicon-32x32.png", "image/png"),
                "favicon-16x16.png", new Asset(swaggerUi + "favicon-16x16.png", "image/png"),
                "gatehouse-docs.js", new Asset(HERE + "gatehouse-docs.js", "text/javascript; charset=utf-8"));
        return new DocsEndpoints(read(SPEC_RESOURCE), read(HERE + "reference.html"), assets);
    }

    public void spec(Context ctx) {
        ctx.header("Cache-Control", "no-cache");
        ctx.contentType("application/yaml; charset=utf-8").result(spec);
    }

    public void page(Context ctx) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Cache-Control", "no-cache");
        ctx.contentType("text/html; charset=utf-8").result(page);
    }

    public void asset(Context ctx) {
        Asset asset = assets.get(ctx.pathParam("file"));
        if (asset == null) {
            throw ApiException.notFound("no such file of the reference page");
        }
        byte[] body = loaded.computeIfAbsent(asset.resource(), DocsEndpoints::read);
        ctx.header("Cache-Control", "public, max-age=3600");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.contentType(asset.contentType()).result(body);
    }

    private static String swaggerUiVersion() {
        Properties properties = new Properties();
        try (InputStream in = open(HERE + "docs.properties")) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + HERE + "docs.properties", e);
        }
        return properties.getProperty("swagger-ui.version");
    }

    private static byte[] read(String resource) {
        try (InputStream in = open(resource)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    private static InputStream open(String resource) {
        InputStream in = DocsEndpoints.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("the classpath lacks " + resource + "; build the jar with Maven");
        }
        return in;
    }
}
