package dev.gatehouse.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety: the real server, in a JVM of its own, is killed with {@code kill -9} (SIGKILL, no shutdown hook)
 * in the middle of 100 concurrent requests, 50 client creations and 50 secret rotations, then started again on
 * the same database. Every client then has exactly one valid secret, the old or the new one, whichever committed
 * (checked through the token endpoint); every creation answered 201 exists and its secret works; no row is
 * half-written (a client without a well-formed secret hash or with a kept previous secret; a signing key in
 * plaintext). On an H2 file database and on PostgreSQL; on PostgreSQL also every client change has its audit
 * event exactly when it committed.
 */
class CrashSafetyEndToEndTest {

    private static final int CLIENTS = 50;
    private static final int ANSWERS_BEFORE_KILL = 25;
    private static final Pattern LISTENING = Pattern.compile("gatehouse listening on (\\S+)");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    private record Db(String url, String user, String password) {}

    private record Client(String recordId, String clientId, String secret) {}

    /** One of the 100 concurrent requests and what came of it: a response, or none when the server died first. */
    private static final class Op {
        final boolean creation;
        final String name;
        final Client rotated;
        CompletableFuture<HttpResponse<String>> response;
        HttpResponse<String> answer;

        Op(boolean creation, String name, Client rotated) {
            this.creation = creation;
            this.name = name;
            this.rotated = rotated;
        }
    }

    @Test
    void killedInTheMiddleOfCreationsAndRotationsOnH2ThenEveryClientHasExactlyOneValidSecret() throws Exception {
        crashAndCheck(new Db("jdbc:h2:file:" + dir.resolve("data/gatehouse"), "sa", ""));
    }

    @Test
    void killedInTheMiddleOfCreationsAndRotationsOnPostgresThenEveryClientHasExactlyOneValidSecret() throws Exception {
        try (FreshPostgresDatabase postgres = FreshPostgresDatabase.create("gh_crash_")) {
            crashAndCheck(new Db(postgres.url(), postgres.user, postgres.password));
        }
    }

    private void crashAndCheck(Db db) throws Exception {
        Process first = startServer(db, "first");
        String base = awaitListening(first, "first");
        JsonNode boot = TestServer.JSON.readTree(Files.readString(dir.resolve("boot.json")));
        String org = boot.get("workspace_id").asText();
        String apiKey = boot.get("api_key").asText();

        List<Client> seeded = seed(base, org, apiKey);
        List<Op> ops = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            ops.add(new Op(false, null, seeded.get(i)));
            ops.add(new Op(true, "crash-" + i, null));
        }
        CountDownLatch answered = new CountDownLatch(ANSWERS_BEFORE_KILL);
        for (Op op : ops) {
            HttpRequest request = op.creation
                    ? json(base + "/v1/workspaces/" + org + "/oauth_clients", apiKey, "{\"name\":\"" + op.name + "\",\"scopes\":[\"*\"]}")
                    : json(base + "/v1/workspaces/" + org + "/oauth_clients/" + op.rotated.recordId() + "/rotate_secret", apiKey,
                            "{\"grace_period_seconds\":0}");
            op.response = HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString());
            op.response.thenRun(answered::countDown);
        }
        assertThat(answered.await(30, TimeUnit.SECONDS)).as("the server answered some requests").isTrue();
        first.destroyForcibly(); // SIGKILL: no shutdown hook, no close
        assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
        for (Op op : ops) {
            try {
                op.answer = op.response.get(15, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException lost) {
                op.answer = null; // the connection died with the server
            }
        }
        long received = ops.stream().filter(op -> op.answer != null).count();
        assertThat(received).as("the kill fell in the middle: some answers came, some did not")
                .isGreaterThanOrEqualTo(ANSWERS_BEFORE_KILL).isLessThan(ops.size());
        for (Op op : ops) {
            if (op.answer != null) {
                assertThat(op.answer.statusCode()).as(op.answer.body()).isEqualTo(op.creation ? 201 : 200);
            }
        }

        Process second = startServer(db, "second");
        String restarted = awaitListening(second, "second");
        Map<String, String> expectedHash = new HashMap<>(); // client_id -> hash of the one secret that must work, when known
        Map<String, String> oldHashOfLostRotation = new HashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> checks = new ArrayList<>();
            for (Op op : ops) {
                checks.add(pool.submit(() -> {
                    check(restarted, op, expectedHash, oldHashOfLostRotation);
                    return null;
                }));
            }
            for (Future<?> check : checks) {
                check.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        second.destroy();
        assertThat(second.waitFor(20, TimeUnit.SECONDS)).isTrue();

        checkRows(db, expectedHash, oldHashOfLostRotation, ops);
        long lostRotations = ops.stream().filter(op -> !op.creation && op.answer == null).count();
        System.out.printf("crash safety on %s: %d of %d answered before kill -9; of %d rotations whose answer was lost, %d had"
                        + " committed%n", postgres(db) ? "PostgreSQL" : "H2", received, ops.size(), lostRotations,
                oldHashOfLostRotation.size());
    }

    private void check(String base, Op op, Map<String, String> expectedHash, Map<String, String> oldHashOfLostRotation) throws Exception {
        if (op.creation) {
            if (op.answer != null) {
                JsonNode data = TestServer.JSON.readTree(op.answer.body()).get("data");
                String clientId = data.get("client_id").asText();
                String secret = data.get("client_secret").asText();
                assertThat(tokenStatus(base, clientId, secret)).as("the secret of a creation answered 201 works").isEqualTo(200);
                synchronized (expectedHash) {
                    expectedHash.put(clientId, sha256(secret));
                }
            }
            return;
        }
        Client client = op.rotated;
        int old = tokenStatus(base, client.clientId(), client.secret());
        if (op.answer != null) {
            String secret = TestServer.JSON.readTree(op.answer.body()).at("/data/client_secret").asText();
            assertThat(tokenStatus(base, client.clientId(), secret)).as("the new secret of a rotation answered 200 works").isEqualTo(200);
            assertThat(old).as("the old secret of a rotation answered 200 is refused").isEqualTo(401);
            synchronized (expectedHash) {
                expectedHash.put(client.clientId(), sha256(secret));
            }
        } else {
            assertThat(old).as("the old secret of a rotation whose answer was lost works, or was replaced").isIn(200, 401);
            synchronized (expectedHash) {
                if (old == 200) {
                    expectedHash.put(client.clientId(), sha256(client.secret()));
                } else {
                    oldHashOfLostRotation.put(client.clientId(), sha256(client.secret()));
                }
            }
        }
    }

    /** What the database holds, read directly once the restarted server has stopped. */
    private static void checkRows(Db db, Map<String, String> expectedHash, Map<String, String> oldHashOfLostRotation, List<Op> ops)
            throws Exception {
        try (Connection connection = DriverManager.getConnection(db.url(), db.user(), db.password());
             Statement sql = connection.createStatement()) {
            Map<String, String> hashes = new HashMap<>();
            Map<String, String> names = new HashMap<>();
            try (ResultSet rows = sql.executeQuery(
                    "SELECT client_id, secret_hash, previous_secret_hash, name, status FROM oauth_clients")) {
                while (rows.next()) {
                    String clientId = rows.getString("client_id");
                    assertThat(rows.getString("secret_hash")).as("secret hash of " + clientId).matches("[0-9a-f]{64}");
                    assertThat(rows.getString("previous_secret_hash")).as("no previous secret is kept after a rotation without grace")
                            .isNull();
                    assertThat(rows.getString("status")).isEqualTo("ACTIVE");
                    hashes.put(clientId, rows.getString("secret_hash"));
                    names.put(clientId, rows.getString("name"));
                }
            }
            expectedHash.forEach((clientId, hash) -> assertThat(hashes).as("client " + clientId).containsEntry(clientId, hash));
            oldHashOfLostRotation.forEach((clientId, oldHash) ->
                    assertThat(hashes.get(clientId)).as("the committed rotation of " + clientId + " replaced the old hash")
                            .isNotNull().isNotEqualTo(oldHash));
            long createdRows = names.values().stream().filter(name -> name.startsWith("crash-")).count();
            long createdAnswers = ops.stream().filter(op -> op.creation && op.answer != null).count();
            assertThat(createdRows).as("every creation answered 201 exists; lost ones may or may not")
                    .isBetween(createdAnswers, (long) CLIENTS);

            try (ResultSet keys = sql.executeQuery("SELECT COUNT(*) FROM signing_keys WHERE private_jwk IS NOT NULL OR sealed_private_jwk IS NULL")) {
                keys.next();
                assertThat(keys.getInt(1)).as("no signing key in plaintext").isZero();
            }

            Map<String, Integer> createdEvents = new HashMap<>();
            Map<String, Integer> rotatedEvents = new HashMap<>();
            try (ResultSet events = sql.executeQuery(
                    "SELECT type, details FROM audit_events WHERE type IN ('oauth_client.created', 'oauth_client.secret_rotated')")) {
                while (events.next()) {
                    String clientId = TestServer.JSON.readTree(events.getString("details")).get("client_id").asText();
                    (events.getString("type").endsWith("created") ? createdEvents : rotatedEvents).merge(clientId, 1, Integer::sum);
                }
            }
            createdEvents.forEach((clientId, count) -> assertThat(count).as("creation events of " + clientId).isEqualTo(1));
            rotatedEvents.forEach((clientId, count) -> assertThat(count).as("rotation events of " + clientId).isLessThanOrEqualTo(1));
            if (!postgres(db)) {
                // H2's MVStore does not keep a transaction of several rows atomic across a kill while many others
                // commit: rarely, a client change survives without its audit event (docs/security.md, Crash safety).
                return;
            }
            for (String clientId : hashes.keySet()) {
                assertThat(createdEvents.get(clientId)).as("the creation of " + clientId + " is in the audit log once").isEqualTo(1);
            }
            for (Op op : ops) {
                if (!op.creation) {
                    boolean rotated = !hashes.get(op.rotated.clientId()).equals(sha256(op.rotated.secret()));
                    assertThat(rotatedEvents.getOrDefault(op.rotated.clientId(), 0))
                            .as("the rotation of " + op.rotated.clientId() + " (answered: " + (op.answer != null)
                                    + ") is in the audit log exactly when it committed")
                            .isEqualTo(rotated ? 1 : 0);
                }
            }
        }
    }

    private static boolean postgres(Db db) {
        return db.url().startsWith("jdbc:postgresql:");
    }

    private List<Client> seed(String base, String org, String apiKey) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Client>> made = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                String name = "seed-" + i;
                made.add(pool.submit(() -> {
                    HttpResponse<String> response = HTTP.send(
                            json(base + "/v1/workspaces/" + org + "/oauth_clients", apiKey, "{\"name\":\"" + name + "\",\"scopes\":[\"*\"]}"),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
                    JsonNode data = TestServer.JSON.readTree(response.body()).get("data");
                    return new Client(data.get("id").asText(), data.get("client_id").asText(), data.get("client_secret").asText());
                }));
            }
            List<Client> clients = new ArrayList<>();
            for (Future<Client> client : made) {
                clients.add(client.get(60, TimeUnit.SECONDS));
            }
            return clients;
        } finally {
            pool.shutdownNow();
        }
    }

    private static HttpRequest json(String url, String apiKey, String body) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private static int tokenStatus(String base, String clientId, String secret) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/v1/oauth/token")).timeout(Duration.ofSeconds(20))
                .header("Authorization", Workspace.basic(clientId, secret))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private Process startServer(Db db, String name) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "serve",
                "--port", "0",
                "--db-url", db.url(),
                "--bootstrap-file", dir.resolve("boot.json").toString(),
                "--master-key-file", dir.resolve("master.key").toString(),
                "--key-rotation-interval", "0"));
        if (!db.user().isEmpty()) {
            command.addAll(List.of("--db-user", db.user()));
        }
        if (!db.password().isEmpty()) {
            command.addAll(List.of("--db-password", db.password()));
        }
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile())
                .start();
    }

    private String awaitListening(Process server, String name) throws Exception {
        Path log = dir.resolve(name + ".log");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
            Matcher listening = LISTENING.matcher(text);
            if (listening.find()) {
                return listening.group(1);
            }
            if (!server.isAlive()) {
                throw new AssertionError("the " + name + " server exited at start: " + text);
            }
            Thread.sleep(50);
        }
        server.destroyForcibly();
        throw new AssertionError("the " + name + " server printed no listening line: " + Files.readString(log));
    }

    private static String sha256(String secret) throws Exception {
        return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
    }

}
