package dev.gatehouse.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A thread-safe OAuth 2.0 client-credentials client (RFC 6749 §4.4) for Gatehouse or any RFC 6749 server.
 *
 * <ul>
 *   <li>{@link #accessToken()} returns a cached token until {@code exp} minus min(120 s, half its lifetime);</li>
 *   <li>refresh is single-flight: however many threads ask at once, one token request is made;</li>
 *   <li>{@link #send(HttpRequest.Builder)} adds the bearer and, on a {@code 401}, drops the token and retries once
 *       with a fresh one;</li>
 *   <li>a {@code 429} from the token endpoint is waited out according to {@code Retry-After}, a bounded number of
 *       times.</li>
 * </ul>
 *
 * The client authenticates with {@code client_secret_basic}: the id and secret are form-urlencoded before they are
 * joined and Base64-encoded (RFC 6749 §2.3.1).
 */
public final class TokenClient {

    /** The path of Gatehouse's token endpoint under its base URL. */
    public static final String TOKEN_PATH = "/v1/oauth/token";
    /** The RFC 8414 metadata path. */
    public static final String METADATA_PATH = "/.well-known/oauth-authorization-server";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration MAX_REFRESH_MARGIN = Duration.ofSeconds(120);

    private final URI tokenEndpoint;
    private final String authorization;
    private final String scope;
    private final HttpClient http;
    private final Clock clock;
    private final Duration requestTimeout;
    private final int maxAttempts;
    private final Duration maxRetryAfter;
    private final AtomicReference<CachedToken> current = new AtomicReference<>();
    private final ReentrantLock refresh = new ReentrantLock();

    private TokenClient(Builder builder, URI tokenEndpoint) {
        this.tokenEndpoint = tokenEndpoint;
        this.authorization = basic(builder.clientId, builder.clientSecret);
        this.scope = builder.scope;
        this.http = builder.http;
        this.clock = builder.clock;
        this.requestTimeout = builder.requestTimeout;
        this.maxAttempts = builder.maxAttempts;
        this.maxRetryAfter = builder.maxRetryAfter;
    }

    /** A builder for a client whose token endpoint is {@code baseUrl + /v1/oauth/token}. */
    public static Builder forBaseUrl(String baseUrl) {
        return new Builder(stripTrailingSlash(baseUrl), false);
    }

    /** A builder for a client that reads {@code token_endpoint} from {@code issuer}'s RFC 8414 metadata. */
    public static Builder discover(String issuer) {
        return new Builder(stripTrailingSlash(issuer), true);
    }

    /** The token endpoint this client asks. */
    public URI tokenEndpoint() {
        return tokenEndpoint;
    }

    /**
     * A valid access token: the cached one while it is fresh, otherwise a new one. When several threads find the
     * cache stale at once, one of them asks the token endpoint and the others wait for its answer.
     *
     * @throws TokenClientException when no token can be obtained
     */
    public String accessToken() {
        CachedToken token = current.get();
        if (token != null && token.isFresh(clock.instant())) {
            return token.value;
        }
        refresh.lock();
        try {
            token = current.get();
            if (token != null && token.isFresh(clock.instant())) {
                return token.value;
            }
            CachedToken fresh = requestToken();
            current.set(fresh);
            return fresh.value;
        } finally {
            refresh.unlock();
        }
    }

    /** Drops {@code token} from the cache if it is the current one, so that the next call gets a new one. */
    public void invalidate(String token) {
        CachedToken cached = current.get();
        if (cached != null && cached.value.equals(token)) {
            current.compareAndSet(cached, null);
        }
    }

    /**
     * Sends {@code request} with {@code Authorization: Bearer <token>}; on a {@code 401} the token is dropped and the
     * request is sent once more with a fresh token. The response body is read as a string.
     */
    public HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Like {@link #send(HttpRequest.Builder)}, with a body handler of the caller's choice. */
    public <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body)
            throws IOException, InterruptedException {
        String token = accessToken();
        HttpResponse<T> response = http.send(request.setHeader("Authorization", "Bearer " + token).build(), body);
        if (response.statusCode() != 401) {
            return response;
        }
        invalidate(token);
        String fresh = accessToken();
        return http.send(request.setHeader("Authorization", "Bearer " + fresh).build(), body);
    }

    private CachedToken requestToken() {
        String form = "grant_type=client_credentials" + (scope == null ? "" : "&scope=" + encode(scope));
        HttpRequest request = HttpRequest.newBuilder(tokenEndpoint)
                .timeout(requestTimeout)
                .header("Authorization", authorization)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        for (int attempt = 1; ; attempt++) {
            Instant asked = clock.instant();
            HttpResponse<String> response = exchange(request);
            if (response.statusCode() == 200) {
                return parseToken(response.body(), asked);
            }
            if (response.statusCode() == 429 && attempt < maxAttempts) {
                pause(retryAfter(response));
                continue;
            }
            throw refusal(response);
        }
    }

    private HttpResponse<String> exchange(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new TokenClientException("cannot reach the token endpoint " + tokenEndpoint + ": " + e.getMessage(), 0,
                    null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenClientException("interrupted while asking for a token", 0, null, e);
        }
    }

    private void pause(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenClientException("interrupted while waiting out a 429", 429, null, e);
        }
    }

    /** The wait a {@code 429} asks for, in delta-seconds or as an HTTP date, capped at {@code maxRetryAfter}. */
    Duration retryAfter(HttpResponse<?> response) {
        String header = response.headers().firstValue("Retry-After").orElse("").trim();
        Duration wait = Duration.ofSeconds(1);
        if (!header.isEmpty()) {
            try {
                wait = Duration.ofSeconds(Long.parseLong(header));
            } catch (NumberFormatException notSeconds) {
                try {
                    Instant at = ZonedDateTime.parse(header, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                    wait = Duration.between(clock.instant(), at);
                } catch (DateTimeParseException notADate) {
                    wait = Duration.ofSeconds(1);
                }
            }
        }
        if (wait.isNegative()) {
            return Duration.ZERO;
        }
        return wait.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : wait;
    }

    private CachedToken parseToken(String body, Instant asked) {
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (IOException e) {
            throw new TokenClientException("the token endpoint answered 200 without JSON", 200, null, e);
        }
        JsonNode accessToken = json == null ? null : json.get("access_token");
        if (accessToken == null || !accessToken.isTextual() || accessToken.asText().isEmpty()) {
            throw new TokenClientException("the token endpoint answered 200 without an access_token", 200, null);
        }
        JsonNode expiresIn = json.get("expires_in");
        long lifetimeSeconds = expiresIn != null && expiresIn.canConvertToLong() ? expiresIn.asLong()
                : expiresIn != null && expiresIn.isTextual() ? parseLongOrZero(expiresIn.asText()) : 0;
        return CachedToken.of(accessToken.asText(), asked, Duration.ofSeconds(Math.max(0, lifetimeSeconds)));
    }

    private static long parseLongOrZero(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static TokenClientException refusal(HttpResponse<String> response) {
        String error = null;
        String description = null;
        try {
            JsonNode json = JSON.readTree(response.body());
            if (json != null && json.hasNonNull("error")) {
                error = json.get("error").asText();
                description = json.hasNonNull("error_description") ? json.get("error_description").asText() : null;
            }
        } catch (IOException notJson) {
            // the status alone is reported
        }
        String message = "the token endpoint answered " + response.statusCode()
                + (error == null ? "" : " " + error) + (description == null ? "" : ": " + description);
        return new TokenClientException(message, response.statusCode(), error);
    }

    private static String basic(String clientId, String clientSecret) {
        String pair = encode(clientId) + ":" + encode(clientSecret);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String stripTrailingSlash(String url) {
        Objects.requireNonNull(url, "url");
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** A token and the instant from which it is considered stale. */
    private static final class CachedToken {
        private final String value;
        private final Instant refreshAt;

        private CachedToken(String value, Instant refreshAt) {
            this.value = value;
            this.refreshAt = refreshAt;
        }

        /** Stale at {@code exp - min(120 s, lifetime / 2)}, with {@code exp = asked + lifetime}. */
        static CachedToken of(String value, Instant asked, Duration lifetime) {
            Duration half = lifetime.dividedBy(2);
            Duration margin = half.compareTo(MAX_REFRESH_MARGIN) < 0 ? half : MAX_REFRESH_MARGIN;
            return new CachedToken(value, asked.plus(lifetime).minus(margin));
        }

        boolean isFresh(Instant now) {
            return now.isBefore(refreshAt);
        }
    }

    /** Configures a {@link TokenClient}. */
    public static final class Builder {
        private final String base;
        private final boolean discover;
        private String clientId;
        private String clientSecret;
        private String scope;
        private HttpClient http;
        private Clock clock = Clock.systemUTC();
        private Duration requestTimeout = Duration.ofSeconds(10);
        private int maxAttempts = 3;
        private Duration maxRetryAfter = Duration.ofSeconds(30);

        private Builder(String base, boolean discover) {
            this.base = base;
            this.discover = discover;
        }

        public Builder clientId(String clientId) {
            this.clientId = Objects.requireNonNull(clientId, "clientId");
            return this;
        }

        public Builder clientSecret(String clientSecret) {
            this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
            return this;
        }

        /** Space-separated scopes to ask for; without it the server grants the client's allowed scopes. */
        public Builder scope(String scope) {
            this.scope = scope;
            return this;
        }

        public Builder httpClient(HttpClient http) {
            this.http = Objects.requireNonNull(http, "http");
            return this;
        }

        /** The clock that decides when a cached token is stale. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** How many token requests one refresh may make when it is answered {@code 429} (default 3). */
        public Builder maxAttempts(int attempts) {
            if (attempts < 1) {
                throw new IllegalArgumentException("attempts must be at least 1");
            }
            this.maxAttempts = attempts;
            return this;
        }

        /** The longest a single {@code Retry-After} is waited (default 30 s). */
        public Builder maxRetryAfter(Duration max) {
            this.maxRetryAfter = Objects.requireNonNull(max, "max");
            return this;
        }

        /**
         * Builds the client; with {@link TokenClient#discover(String)} this fetches the metadata once.
         *
         * @throws TokenClientException when discovery fails
         */
        public TokenClient build() {
            if (clientId == null || clientSecret == null) {
                throw new IllegalStateException("clientId and clientSecret are required");
            }
            if (http == null) {
                http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            }
            URI endpoint = discover ? discoverTokenEndpoint() : URI.create(base + TOKEN_PATH);
            return new TokenClient(this, endpoint);
        }

        private URI discoverTokenEndpoint() {
            JsonNode metadata = Metadata.fetch(http, base, requestTimeout);
            JsonNode endpoint = metadata.get("token_endpoint");
            if (endpoint == null || !endpoint.isTextual()) {
                throw new TokenClientException("the metadata of " + base + " has no token_endpoint", 200, null);
            }
            return URI.create(endpoint.asText());
        }
    }
}
