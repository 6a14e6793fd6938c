package dev.gatehouse.adapter.in.http.oauth;

import dev.gatehouse.adapter.in.http.common.Json;
import dev.gatehouse.domain.scope.Scope;
import dev.gatehouse.domain.scope.ScopeCatalog;
import io.javalin.http.Context;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /.well-known/oauth-authorization-server}: RFC 8414 metadata.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8414#section-2">RFC 8414 §2</a>
 */
public final class MetadataEndpoint {

    public static final String PATH = "/.well-known/oauth-authorization-server";
    public static final String JWKS_PATH = "/.well-known/jwks.json";
    public static final String INTROSPECTION_PATH = "/v1/oauth/introspect";
    public static final String REVOCATION_PATH = "/v1/oauth/revoke";

    private final Map<String, Object> metadata;

    public MetadataEndpoint(String issuer, ScopeCatalog catalog) {
        List<String> authMethods = List.of("client_secret_basic", "client_secret_post");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("issuer", issuer);
        m.put("token_endpoint", issuer + TokenEndpoint.PATH);
        m.put("jwks_uri", issuer + JWKS_PATH);
        m.put("grant_types_supported", List.of("client_credentials"));
        m.put("response_types_supported", List.of());
        m.put("token_endpoint_auth_methods_supported", authMethods);
        m.put("token_endpoint_auth_signing_alg_values_supported", List.of("RS256"));
        m.put("scopes_supported", catalog.scopes().stream().map(Scope::value).toList());
        m.put("introspection_endpoint", issuer + INTROSPECTION_PATH);
        m.put("introspection_endpoint_auth_methods_supported", authMethods);
        m.put("revocation_endpoint", issuer + REVOCATION_PATH);
        m.put("revocation_endpoint_auth_methods_supported", authMethods);
        m.put("service_documentation", issuer + "/docs");
        this.metadata = Collections.unmodifiableMap(m);
    }

    public void handle(Context ctx) {
        ctx.header("Cache-Control", "public, max-age=300");
        Json.respond(ctx, 200, metadata);
    }
}
