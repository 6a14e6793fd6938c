package dev.gatehouse.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Verifies Gatehouse access tokens (RFC 9068 JWTs) in another service, against the issuer's remote JWKS.
 *
 * <p>It checks, in order: the {@code typ} header ({@code at+jwt}), the algorithm against an allowlist (default
 * RS256), the signature with a key of the JWKS, then {@code aud}, {@code iss}, {@code exp} and {@code nbf} with a
 * configurable skew (default 30 s). The JWKS is cached and fetched again when a token names an unknown {@code kid},
 * at most once per configurable interval. With {@link Builder#introspection}, an accepted token is also checked
 * with RFC 7662 introspection, so that a revoked token is refused at once; introspection failures fail closed.
 *
 * <p>Instances are thread-safe and meant to be shared.
 */
public final class TokenVerifier {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<JOSEObjectType> ACCESS_TOKEN_TYPES =
            Set.of(new JOSEObjectType("at+jwt"), new JOSEObjectType("application/at+jwt"));

    private final ConfigurableJWTProcessor<SecurityContext> processor;
    private final String issuer;
    private final String audience;
    private final Duration skew;
    private final Clock clock;
    private final URI introspectionEndpoint;
    private final String introspectionAuthorization;
    private final HttpClient http;
    private final Duration requestTimeout;

    private TokenVerifier(Builder builder, JWKSource<SecurityContext> keys) {
        this.issuer = builder.issuer;
        this.audience = builder.audience == null ? builder.issuer : builder.audience;
        this.skew = builder.skew;
        this.clock = builder.clock;
        this.introspectionEndpoint = builder.introspectionEndpoint;
        this.introspectionAuthorization = builder.introspectionClientId == null ? null
                : basic(builder.introspectionClientId, builder.introspectionClientSecret);
        this.http = builder.http;
        this.requestTimeout = builder.requestTimeout;
        DefaultJWTProcessor<SecurityContext> jwt = new DefaultJWTProcessor<>();
        jwt.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(ACCESS_TOKEN_TYPES));
        jwt.setJWSKeySelector(new JWSVerificationKeySelector<>(builder.algorithms, keys));
        // The claims are checked below, with this verifier's clock and skew rather than nimbus's defaults.
        jwt.setJWTClaimsSetVerifier((claims, context) -> { });
        this.processor = jwt;
    }

    /** A builder for tokens of {@code issuer}, whose keys are at {@code jwksUri}. */
    public static Builder builder(String issuer, String jwksUri) {
        return new Builder(Objects.requireNonNull(issuer, "issuer"), URI.create(jwksUri));
    }

    /**
     * A builder configured from {@code issuer}'s RFC 8414 metadata ({@code issuer}, {@code jwks_uri}); call
     * {@link Builder#introspection(String, String)} to use its {@code introspection_endpoint}.
     */
    public static Builder discover(String issuer) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        JsonNode metadata = Metadata.fetch(http, base, Duration.ofSeconds(10));
        if (!metadata.hasNonNull("issuer") || !metadata.hasNonNull("jwks_uri")) {
            throw new TokenClientException("the metadata of " + base + " lacks issuer or jwks_uri", 200, null);
        }
        Builder builder = new Builder(metadata.get("issuer").asText(), URI.create(metadata.get("jwks_uri").asText()));
        builder.http = http;
        if (metadata.hasNonNull("introspection_endpoint")) {
            builder.discoveredIntrospection = URI.create(metadata.get("introspection_endpoint").asText());
        }
        return builder;
    }

    /**
     * Verifies {@code token} and returns its claims.
     *
     * @throws InvalidTokenException when the token must be refused; the message says why
     */
    public VerifiedToken verify(String token) {
        if (token == null || token.isBlank()) {
            throw new InvalidTokenException("no token");
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (ParseException e) {
            throw new InvalidTokenException("the token is not a JWT", e);
        } catch (BadJOSEException e) {
            throw new InvalidTokenException("the token was refused: " + e.getMessage(), e);
        } catch (JOSEException e) {
            throw new InvalidTokenException("the token cannot be verified: " + e.getMessage(), e);
        }
        VerifiedToken verified = checkClaims(claims);
        if (introspectionEndpoint != null) {
            introspect(token);
        }
        return verified;
    }

    private VerifiedToken checkClaims(JWTClaimsSet claims) {
        List<String> audiences = claims.getAudience();
        if (audiences == null || !audiences.contains(audience)) {
            throw new InvalidTokenException("the token's audience is not " + audience);
        }
        if (!issuer.equals(claims.getIssuer())) {
            throw new InvalidTokenException("the token's issuer is not " + issuer);
        }
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            throw new InvalidTokenException("the token has no exp");
        }
        if (!now.isBefore(exp.toInstant().plus(skew))) {
            throw new InvalidTokenException("the token has expired");
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && now.isBefore(nbf.toInstant().minus(skew))) {
            throw new InvalidTokenException("the token is not valid yet");
        }
        if (claims.getSubject() == null) {
            throw new InvalidTokenException("the token has no sub");
        }
        try {
            String scope = claims.getStringClaim("scope");
            Set<String> scopes = scope == null || scope.isBlank() ? Set.of()
                    : new LinkedHashSet<>(Arrays.asList(scope.trim().split("\\s+")));
            String clientId = claims.getStringClaim("client_id");
            String workspaceId = claims.getStringClaim("workspace_id");
            List<String> projects = claims.getStringListClaim("projects");
            return new VerifiedToken(claims.getSubject(), clientId == null ? claims.getSubject() : clientId, scopes,
                    workspaceId, projects == null ? List.of() : new ArrayList<>(projects), exp.toInstant());
        } catch (ParseException e) {
            throw new InvalidTokenException("the token has a malformed claim", e);
        }
    }

    private void introspect(String token) {
        String form = "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8) + "&token_type_hint=access_token";
        HttpRequest request = HttpRequest.newBuilder(introspectionEndpoint).timeout(requestTimeout)
                .header("Authorization", introspectionAuthorization)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new InvalidTokenException("introspection answered " + response.statusCode());
            }
            JsonNode json = JSON.readTree(response.body());
            if (json == null || !json.path("active").asBoolean(false)) {
                throw new InvalidTokenException("the token is not active");
            }
        } catch (IOException e) {
            throw new InvalidTokenException("introspection is unavailable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InvalidTokenException("interrupted during introspection", e);
        }
    }

    private static String basic(String clientId, String clientSecret) {
        String pair = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /** Configures a {@link TokenVerifier}. */
    public static final class Builder {
        private final String issuer;
        private final URI jwksUri;
        private String audience;
        private Set<JWSAlgorithm> algorithms = Set.of(JWSAlgorithm.RS256);
        private Duration skew = Duration.ofSeconds(30);
        private Duration jwksCacheTtl = Duration.ofMinutes(5);
        private Duration jwksRefetchInterval = Duration.ofSeconds(30);
        private Clock clock = Clock.systemUTC();
        private URI discoveredIntrospection;
        private URI introspectionEndpoint;
        private String introspectionClientId;
        private String introspectionClientSecret;
        private HttpClient http;
        private Duration requestTimeout = Duration.ofSeconds(10);

        private Builder(String issuer, URI jwksUri) {
            this.issuer = issuer;
            this.jwksUri = jwksUri;
        }

        /** The {@code aud} a token must carry; the issuer by default, as Gatehouse issues them. */
        public Builder audience(String audience) {
            this.audience = Objects.requireNonNull(audience, "audience");
            return this;
        }

        /** The accepted signature algorithms by name, such as {@code "RS256", "ES256"}; RS256 alone by default. */
        public Builder algorithms(String... names) {
            if (names.length == 0) {
                throw new IllegalArgumentException("at least one algorithm");
            }
            Set<JWSAlgorithm> set = new LinkedHashSet<>();
            for (String name : names) {
                set.add(JWSAlgorithm.parse(name));
            }
            this.algorithms = Set.copyOf(set);
            return this;
        }

        /** The tolerance on {@code exp} and {@code nbf}; 30 s by default. */
        public Builder clockSkew(Duration skew) {
            if (skew.isNegative()) {
                throw new IllegalArgumentException("skew must not be negative");
            }
            this.skew = skew;
            return this;
        }

        /** How long the JWKS is cached; 5 minutes by default. */
        public Builder jwksCacheTtl(Duration ttl) {
            this.jwksCacheTtl = Objects.requireNonNull(ttl, "ttl");
            return this;
        }

        /**
         * The least time between two fetches of the JWKS caused by unknown {@code kid}s; 30 s by default. It must be
         * shorter than {@link #jwksCacheTtl}.
         */
        public Builder jwksRefetchInterval(Duration interval) {
            this.jwksRefetchInterval = Objects.requireNonNull(interval, "interval");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Also checks every accepted token with RFC 7662 at the discovered {@code introspection_endpoint}. */
        public Builder introspection(String clientId, String clientSecret) {
            if (discoveredIntrospection == null) {
                throw new IllegalStateException("no introspection_endpoint was discovered; pass its URL");
            }
            return introspection(discoveredIntrospection.toString(), clientId, clientSecret);
        }

        /** Also checks every accepted token with RFC 7662 at {@code endpoint}, authenticating as the given client. */
        public Builder introspection(String endpoint, String clientId, String clientSecret) {
            this.introspectionEndpoint = URI.create(endpoint);
            this.introspectionClientId = Objects.requireNonNull(clientId, "clientId");
            this.introspectionClientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
            return this;
        }

        public Builder httpClient(HttpClient http) {
            this.http = Objects.requireNonNull(http, "http");
            return this;
        }

        public TokenVerifier build() {
            if (http == null) {
                http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            }
            if (jwksRefetchInterval.compareTo(jwksCacheTtl) >= 0) {
                throw new IllegalStateException("jwksRefetchInterval must be shorter than jwksCacheTtl");
            }
            JWKSource<SecurityContext> keys;
            try {
                long ttl = jwksCacheTtl.toMillis();
                keys = JWKSourceBuilder.<SecurityContext>create(jwksUri.toURL())
                        .cache(ttl, Math.min(ttl, 15_000L))
                        .rateLimited(jwksRefetchInterval.toMillis())
                        .retrying(false)
                        .build();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("not a URL: " + jwksUri, e);
            }
            return new TokenVerifier(this, keys);
        }
    }
}
