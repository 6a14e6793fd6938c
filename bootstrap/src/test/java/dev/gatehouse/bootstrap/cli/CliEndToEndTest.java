package dev.gatehouse.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.bootstrap.Gatehouse;
import dev.gatehouse.bootstrap.Main;
import dev.gatehouse.bootstrap.ServerConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The CLI run in-process through Main.commandLine() against a real server. */
class CliEndToEndTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static Gatehouse server;
    static String base;
    static String key;
    static String org;
    static String email;

    record Run(int rc, String out, String err) {
    }

    @BeforeAll
    static void start() throws Exception {
        ServerConfig config = ServerConfig.defaults("127.0.0.1", 0, "jdbc:h2:mem:cli-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
                .withBootstrapFile(dir.resolve("boot.json"));
        server = Gatehouse.start(config, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        base = server.baseUrl();
        JsonNode boot = JSON.readTree(Files.readString(dir.resolve("boot.json")));
        key = boot.get("api_key").asText();
        org = boot.get("workspace_id").asText();
        email = boot.get("email").asText();
    }

    @AfterAll
    static void stop() {
        System.clearProperty(CliConfig.CONFIG_HOME_PROPERTY);
        if (server != null) {
            server.close();
        }
    }

    static Run cli(Path xdg, String... args) throws Exception {
        System.setProperty(CliConfig.CONFIG_HOME_PROPERTY, xdg.toString());
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int rc = cli.execute(args);
        return new Run(rc, out.toString(), err.toString());
    }

    static void noTrace(Run run) {
        assertThat(run.out() + run.err()).doesNotContain("Exception").doesNotContainPattern("\\s+at [a-z]+\\.");
    }

    @Test
    void loginWhoamiClientsTokenAndLogout() throws Exception {
        Path xdg = dir.resolve("xdg");
        Run login = cli(xdg, "login", "--base-url", base, "--api-key", key);
        assertThat(login.rc()).as(login.toString()).isZero();
        assertThat(login.out()).startsWith("Logged in as ").contains("(" + email + ")");
        Path file = xdg.resolve("gatehouse/config");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readAllLines(file)).contains("api_key = " + key, "base_url = " + base);

        Run who = cli(xdg, "whoami");
        assertThat(who.rc()).isZero();
        assertThat(who.out()).contains(email).contains(org);

        Run created = cli(xdg, "clients", "create", "--name", "cli", "--scopes", "workspace:read sources:read", "--json");
        assertThat(created.rc()).as(created.toString()).isZero();
        JsonNode client = JSON.readTree(created.out());
        String clientId = client.get("client_id").asText();
        String secret = client.get("client_secret").asText();
        assertThat(client.get("id").asText()).startsWith("oc_");
        assertThat(secret).isNotBlank();

        Run list = cli(xdg, "clients", "list");
        assertThat(list.rc()).isZero();
        assertThat(list.out()).contains(clientId).doesNotContain(secret);

        Run token = cli(xdg, "token", "--client-id", clientId, "--client-secret", secret);
        assertThat(token.rc()).as(token.toString()).isZero();
        String jwt = token.out().trim();
        assertThat(jwt).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
        HttpResponse<String> used = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/v1/workspaces/" + org))
                .header("Authorization", "Bearer " + jwt).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(used.statusCode()).isEqualTo(200);

        Run badSecret = cli(xdg, "token", "--client-id", clientId, "--client-secret", secret + "x");
        assertThat(badSecret.rc()).isEqualTo(1);
        assertThat(badSecret.err()).startsWith("gatehouse: invalid_client");
        noTrace(badSecret);

        Run out = cli(xdg, "logout");
        assertThat(out.rc()).isZero();
        Run after = cli(xdg, "whoami");
        assertThat(after.rc()).isEqualTo(1);
        assertThat(after.err()).contains("not logged in");
        noTrace(after);
    }

    @Test
    void loginReadsTheKeyFromStdinIntoAProfile() throws Exception {
        Path xdg = dir.resolve("xdg-stdin");
        InputStream stdin = System.in;
        Run login;
        try {
            System.setIn(new ByteArrayInputStream((key + "\n").getBytes(StandardCharsets.UTF_8)));
            login = cli(xdg, "login", "--base-url", base, "--profile", "second");
        } finally {
            System.setIn(stdin);
        }
        assertThat(login.rc()).as(login.toString()).isZero();
        assertThat(Files.readAllLines(xdg.resolve("gatehouse/config"))).contains("[profile second]");
        assertThat(cli(xdg, "whoami", "--profile", "second").out()).contains(email);
        assertThat(cli(xdg, "whoami").rc()).isEqualTo(1);
    }

    @Test
    void aWrongKeyExitsOneWithTheServersMessageAndIsNotStored() throws Exception {
        Path xdg = dir.resolve("xdg-wrong");
        String wrong = "not-a-real-key-" + UUID.randomUUID();
        HttpResponse<String> direct = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/v1/users/me"))
                .header("Authorization", "Bearer " + wrong).build(), HttpResponse.BodyHandlers.ofString());
        String message = JSON.readTree(direct.body()).get("error").asText();

        Run run = cli(xdg, "login", "--base-url", base, "--api-key", wrong);
        assertThat(run.rc()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("gatehouse: " + message + System.lineSeparator());
        noTrace(run);
        assertThat(xdg.resolve("gatehouse/config")).doesNotExist();
    }

    @Test
    void usageErrorsExitTwo() throws Exception {
        Path xdg = dir.resolve("xdg-usage");
        Run unknown = cli(xdg, "frobnicate");
        assertThat(unknown.rc()).isEqualTo(2);
        noTrace(unknown);
        Run missing = cli(xdg, "clients", "create");
        assertThat(missing.rc()).isEqualTo(2);
        noTrace(missing);
        Run noBase = cli(xdg, "login", "--api-key", "x");
        assertThat(noBase.rc()).isEqualTo(2);
    }

    @Test
    void sourcesTailReceivesAnEmittedEvent() throws Exception {
        Path xdg = dir.resolve("xdg-sources");
        assertThat(cli(xdg, "login", "--base-url", base, "--api-key", key).rc()).isZero();
        Run created = cli(xdg, "sources", "create", "--name", "orders");
        assertThat(created.rc()).as(created.toString()).isZero();
        String source = created.out().trim();
        assertThat(source).startsWith("dc_");

        Run first = cli(xdg, "sources", "emit", source, "{\"n\":1}");
        assertThat(first.rc()).as(first.toString()).isZero();
        String firstId = first.out().trim();
        CompletableFuture<Run> tail = CompletableFuture.supplyAsync(() -> {
            try {
                return cli(xdg, "sources", "tail", source, "--last-event-id", firstId, "--max-events", "1");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(500);
        assertThat(cli(xdg, "sources", "emit", source, "{\"n\":2}").rc()).isZero();
        Run tailed = tail.get(20, TimeUnit.SECONDS);
        assertThat(tailed.rc()).as(tailed.toString()).isZero();
        JsonNode event = JSON.readTree(tailed.out().trim());
        assertThat(event.get("event").toString()).isEqualTo("{\"n\":2}");
    }
}
