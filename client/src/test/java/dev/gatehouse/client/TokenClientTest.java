package dev.gatehouse.client;

import static dev.gatehouse.client.StubServer.respond;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TokenClientTest {

    private final StubServer stub = new StubServer();
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final List<String> forms = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        stub.close();
    }

    /** A token endpoint that issues t1, t2, … with {@code expiresIn}, after {@code delayMillis}. */
    private void tokenEndpoint(long expiresIn, long delayMillis) {
        stub.on("/v1/oauth/token", exchange -> {
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            forms.add(StubServer.body(exchange));
            int n = tokenRequests.incrementAndGet();
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(exchange, 200, "{\"access_token\":\"t" + n + "\",\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn + "}");
        });
    }

    private TokenClient.Builder client() {
        return TokenClient.forBaseUrl(stub.base() + "/").clientId("c_1").clientSecret("s3cret");
    }

    @Test
    void accessTokenWhenFreshThenCachedUntilExpMinus120Seconds() {
        tokenEndpoint(3600, 0);
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        TokenClient client = client().clock(clock).build();

        assertThat(client.accessToken()).isEqualTo("t1");
        clock.advance(Duration.ofSeconds(3479));
        assertThat(client.accessToken()).isEqualTo("t1");
        clock.advance(Duration.ofSeconds(1));
        assertThat(client.accessToken()).isEqualTo("t2");
        assertThat(tokenRequests).hasValue(2);
    }

    @Test
    void accessTokenWhenLifetimeShortThenRefreshedAtHalfLife() {
        tokenEndpoint(60, 0);
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        TokenClient client = client().clock(clock).build();

        assertThat(client.accessToken()).isEqualTo("t1");
        clock.advance(Duration.ofSeconds(29));
        assertThat(client.accessToken()).isEqualTo("t1");
        clock.advance(Duration.ofSeconds(1));
        assertThat(client.accessToken()).isEqualTo("t2");
    }

    @Test
    void accessTokenWhenHundredThreadsAskAtOnceThenOneRequest() throws Exception {
        tokenEndpoint(3600, 300);
        TokenClient client = client().build();
        ExecutorService pool = Executors.newFixedThreadPool(100);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 100; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return client.accessToken();
                }));
            }
            start.countDown();
            Set<String> tokens = ConcurrentHashMap.newKeySet();
            for (Future<String> answer : answers) {
                tokens.add(answer.get());
            }
            assertThat(tokens).containsExactly("t1");
            assertThat(tokenRequests).hasValue(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void tokenRequestUsesClientSecretBasicWithFormEncodedCredentials() {
        tokenEndpoint(3600, 0);
        TokenClient client = TokenClient.forBaseUrl(stub.base()).clientId("a b:c").clientSecret("p&ss=/+")
                .scope("sources:read workspace:read").build();

        client.accessToken();

        String decoded = new String(Base64.getDecoder().decode(authorizations.get(0).substring("Basic ".length())),
                StandardCharsets.UTF_8);
        assertThat(decoded).isEqualTo("a+b%3Ac:p%26ss%3D%2F%2B");
        assertThat(forms.get(0)).isEqualTo("grant_type=client_credentials&scope=sources%3Aread+workspace%3Aread");
    }

    @Test
    void invalidateWhenTokenIsCurrentThenNextCallFetchesAgain() {
        tokenEndpoint(3600, 0);
        TokenClient client = client().build();
        String first = client.accessToken();

        client.invalidate("not-the-current-one");
        assertThat(client.accessToken()).isEqualTo(first);
        client.invalidate(first);
        assertThat(client.accessToken()).isEqualTo("t2");
    }

    @Test
    void sendWhenResourceAnswers401ThenRetriesOnceWithFreshToken() throws Exception {
        tokenEndpoint(3600, 0);
        List<String> seen = new CopyOnWriteArrayList<>();
        stub.on("/resource", exchange -> {
            String bearer = exchange.getRequestHeaders().getFirst("Authorization");
            seen.add(bearer);
            respond(exchange, "Bearer t1".equals(bearer) ? 401 : 200, "{}");
        });
        TokenClient client = client().build();

        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(stub.base() + "/resource")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(seen).containsExactly("Bearer t1", "Bearer t2");
        assertThat(tokenRequests).hasValue(2);
    }

    @Test
    void sendWhenResourceKeepsAnswering401ThenRetriesOnlyOnce() throws Exception {
        tokenEndpoint(3600, 0);
        AtomicInteger calls = new AtomicInteger();
        stub.on("/resource", exchange -> {
            calls.incrementAndGet();
            respond(exchange, 401, "{}");
        });
        TokenClient client = client().build();

        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(stub.base() + "/resource"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(calls).hasValue(2);
    }

    @Test
    void accessTokenWhenThrottledThenWaitsRetryAfterAndRetries() {
        AtomicInteger calls = new AtomicInteger();
        stub.on("/v1/oauth/token", exchange -> {
            if (calls.incrementAndGet() == 1) {
                exchange.getResponseHeaders().set("Retry-After", "1");
                respond(exchange, 429, "{\"error\":\"Throttled\"}");
            } else {
                respond(exchange, 200, "{\"access_token\":\"ok\",\"expires_in\":3600}");
            }
        });
        TokenClient client = client().build();

        long started = System.nanoTime();
        assertThat(client.accessToken()).isEqualTo("ok");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(calls).hasValue(2);
    }

    @Test
    void accessTokenWhenThrottledTooOftenThenGivesUpAfterMaxAttempts() {
        AtomicInteger calls = new AtomicInteger();
        stub.on("/v1/oauth/token", exchange -> {
            calls.incrementAndGet();
            exchange.getResponseHeaders().set("Retry-After", "3600");
            respond(exchange, 429, "{\"error\":\"Throttled\"}");
        });
        TokenClient client = client().maxAttempts(2).maxRetryAfter(Duration.ofMillis(50)).build();

        assertThatThrownBy(client::accessToken).isInstanceOf(TokenClientException.class)
                .satisfies(e -> assertThat(((TokenClientException) e).status()).isEqualTo(429));
        assertThat(calls).hasValue(2);
    }

    @Test
    void accessTokenWhenClientRefusedThenErrorCodeIsReported() {
        stub.on("/v1/oauth/token", exchange -> respond(exchange, 401,
                "{\"error\":\"invalid_client\",\"error_description\":\"bad credentials\"}"));
        TokenClient client = client().build();

        assertThatThrownBy(client::accessToken).isInstanceOf(TokenClientException.class)
                .hasMessageContaining("invalid_client")
                .satisfies(e -> assertThat(((TokenClientException) e).error()).contains("invalid_client"));
    }

    @Test
    void discoverWhenMetadataNamesTokenEndpointThenItIsUsed() {
        stub.on("/.well-known/oauth-authorization-server", exchange -> respond(exchange, 200,
                "{\"issuer\":\"" + stub.base() + "\",\"token_endpoint\":\"" + stub.base() + "/other/token\"}"));
        stub.on("/other/token", exchange -> respond(exchange, 200, "{\"access_token\":\"discovered\",\"expires_in\":60}"));

        TokenClient client = TokenClient.discover(stub.base()).clientId("c").clientSecret("s").build();

        assertThat(client.tokenEndpoint()).hasToString(stub.base() + "/other/token");
        assertThat(client.accessToken()).isEqualTo("discovered");
    }
}
