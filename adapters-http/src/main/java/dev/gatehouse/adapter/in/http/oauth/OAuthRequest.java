package dev.gatehouse.adapter.in.http.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.adapter.in.http.common.ApiException;
import dev.gatehouse.adapter.in.http.common.Json;
import dev.gatehouse.application.oauth.OAuthErrorCode;
import dev.gatehouse.application.oauth.OAuthException;
import dev.gatehouse.application.token.port.in.ClientAuthentication;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.net.URLDecoder;

/**
 * The parameters of a request to an OAuth endpoint, from a form or a JSON body, and the client credentials
 * it presents through HTTP Basic or the body. Unknown parameters are ignored; a repeated one is refused.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-2.3.1">RFC 6749 §2.3.1</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-3.2">RFC 6749 §3.2</a>
 */
final class OAuthRequest {

    private final Map<String, String> parameters;
    private final ClientAuthentication authentication;

    private OAuthRequest(Map<String, String> parameters, ClientAuthentication authentication) {
        this.parameters = parameters;
        this.authentication = authentication;
    }

    Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters.get(name));
    }

    ClientAuthentication authentication() {
        return authentication;
    }

    /** Whether the request tried HTTP Basic, so that a failure must answer with a Basic challenge. */
    static boolean triedBasic(Context ctx) {
        String header = ctx.header("Authorization");
        return header != null && header.regionMatches(true, 0, "Basic ", 0, 6);
    }

    /** The {@code client_id} the request names, for the rate limits; empty when the request cannot be parsed. */
    static Optional<String> claimedClientId(Context ctx) {
        try {
            OAuthRequest request = parse(ctx);
            return request.authentication().clientId().or(() -> request.parameter("client_id"));
        } catch (OAuthException e) {
            return Optional.empty();
        }
    }

    static OAuthRequest parse(Context ctx) {
        Map<String, String> parameters = parameters(ctx);
        Optional<String[]> basic = basic(ctx);
        ClientAuthentication authentication;
        if (basic.isPresent()) {
            String id = basic.get()[0];
            String secret = basic.get()[1];
            if (parameters.containsKey("client_secret")) {
                throw invalid("use one client authentication method: HTTP Basic or client_secret in the body, not both");
            }
            String bodyId = parameters.get("client_id");
            if (bodyId != null && !bodyId.equals(id)) {
                throw invalid("client_id in the body differs from the one in the Authorization header");
            }
            authentication = new ClientAuthentication(ClientAuthentication.Method.BASIC, Optional.of(id), Optional.of(secret));
        } else if (parameters.containsKey("client_id") && parameters.containsKey("client_secret")) {
            authentication = new ClientAuthentication(ClientAuthentication.Method.POST,
                    Optional.of(parameters.get("client_id")), Optional.of(parameters.get("client_secret")));
        } else {
            authentication = ClientAuthentication.none();
        }
        return new OAuthRequest(parameters, authentication);
    }

    private static Map<String, String> parameters(Context ctx) {
        // the raw header, and the body as UTF-8 (RFC 6749 Appendix B, RFC 8259 §8.1): the servlet's own readings
        // throw on a charset parameter that names no charset
        String type = Optional.ofNullable(ctx.header("Content-Type")).orElse("");
        String media = (type.indexOf(';') < 0 ? type : type.substring(0, type.indexOf(';'))).strip().toLowerCase(Locale.ROOT);
        if (media.equals("application/x-www-form-urlencoded")) {
            return form(new String(ctx.bodyAsBytes(), StandardCharsets.UTF_8));
        }
        if (media.equals("application/json")) {
            return json(ctx);
        }
        if (ctx.bodyAsBytes().length == 0) {
            return Map.of();
        }
        throw invalid("the body must be application/x-www-form-urlencoded or application/json");
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new HashMap<>();
        if (body.isEmpty()) {
            return out;
        }
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (out.put(name, value) != null) {
                throw invalid("the parameter " + safeName(name) + " is repeated");
            }
        }
        return out;
    }

    private static Map<String, String> json(Context ctx) {
        ObjectNode object;
        try {
            object = Json.readObject(ctx);
        } catch (ApiException e) {
            throw invalid("the body is not a JSON object");
        }
        Map<String, String> out = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            if (value.isTextual()) {
                out.put(field.getKey(), value.asText());
            } else if (KNOWN.contains(field.getKey()) && !value.isNull()) {
                throw invalid("the parameter " + field.getKey() + " must be a string");
            }
        }
        return out;
    }

    private static final List<String> KNOWN = List.of("grant_type", "client_id", "client_secret", "scope", "resource", "token",
            "token_type_hint");

    private static Optional<String[]> basic(Context ctx) {
        if (!triedBasic(ctx)) {
            return Optional.empty();
        }
        String encoded = ctx.header("Authorization").substring(6).strip();
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new OAuthException(OAuthErrorCode.INVALID_CLIENT, "the Basic credentials are not valid base64");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw new OAuthException(OAuthErrorCode.INVALID_CLIENT, "the Basic credentials must be client_id:client_secret");
        }
        try {
            return Optional.of(new String[] {decode(decoded.substring(0, colon)), decode(decoded.substring(colon + 1))});
        } catch (OAuthException e) {
            throw new OAuthException(OAuthErrorCode.INVALID_CLIENT, "the Basic credentials are not form-urlencoded");
        }
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid("the body is not valid application/x-www-form-urlencoded");
        }
    }

    private static String safeName(String name) {
        return name.length() > 40 || !name.matches("[A-Za-z0-9_.-]*") ? "(unprintable)" : name;
    }

    private static OAuthException invalid(String description) {
        return new OAuthException(OAuthErrorCode.INVALID_REQUEST, description);
    }
}
