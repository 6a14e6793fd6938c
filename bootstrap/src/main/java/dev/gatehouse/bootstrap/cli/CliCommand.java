package dev.gatehouse.bootstrap.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Base of every client command: prints errors as {@code gatehouse: <message>} with exit 1, never a stack trace. */
public abstract class CliCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    private CliConfig config;

    /** Runs the command; answers the exit status. */
    protected abstract int execute() throws Exception;

    @Override
    public final Integer call() {
        try {
            return execute();
        } catch (ParameterException e) {
            throw e;
        } catch (CliException e) {
            return fail(e.getMessage());
        } catch (java.io.IOException e) {
            return fail(e.getMessage() == null ? "I/O error" : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        } catch (Exception | Error e) {
            return fail(e.getMessage() == null ? "unexpected error" : e.getMessage());
        }
    }

    int fail(String message) {
        err().println("gatehouse: " + message);
        err().flush();
        return 1;
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    CliConfig config() {
        if (config == null) {
            config = CliConfig.load();
        }
        return config;
    }

    String profile() {
        return common.profile == null || common.profile.isBlank() ? CliConfig.DEFAULT_PROFILE : common.profile;
    }

    String baseUrl() {
        if (common.baseUrl != null && !common.baseUrl.isBlank()) {
            return common.baseUrl;
        }
        return config().get(profile(), "base_url").orElseThrow(() -> new CliException(
                "no base URL for profile '" + profile() + "': run gatehouse login --base-url URL, or pass --base-url"));
    }

    String apiKey() {
        return config().get(profile(), "api_key").orElseThrow(() -> new CliException(
                "not logged in (profile '" + profile() + "'): run gatehouse login"));
    }

    /** The API, authorized with the profile's API key. */
    Api keyApi() {
        return new Api(baseUrl(), apiKey());
    }

    void printJson(JsonNode node) {
        try {
            out().println(Api.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(node));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new CliException("cannot print JSON: " + e.getOriginalMessage());
        }
        out().flush();
    }

    void println(String line) {
        out().println(line);
        out().flush();
    }

    /** Simple aligned columns. */
    void table(List<String> header, List<List<String>> rows) {
        int[] width = new int[header.size()];
        for (int i = 0; i < header.size(); i++) {
            width[i] = header.get(i).length();
            for (List<String> row : rows) {
                width[i] = Math.max(width[i], row.get(i).length());
            }
        }
        printRow(header, width);
        for (List<String> row : rows) {
            printRow(row, width);
        }
        out().flush();
    }

    private void printRow(List<String> cells, int[] width) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            line.append(i == cells.size() - 1 ? cell : String.format("%-" + width[i] + "s  ", cell));
        }
        out().println(line.toString().stripTrailing());
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull()) {
            return "";
        }
        if (v.isArray()) {
            StringBuilder b = new StringBuilder();
            v.forEach(x -> b.append(b.length() == 0 ? "" : " ").append(x.asText()));
            return b.toString();
        }
        return v.asText();
    }

    /** Prints an object as field/value rows. */
    void fields(JsonNode node, String... names) {
        List<List<String>> rows = new java.util.ArrayList<>();
        for (String name : names) {
            if (node.has(name)) {
                rows.add(List.of(name, text(node, name)));
            }
        }
        table(List.of("FIELD", "VALUE"), rows);
    }

    /** --org, or the user's only workspace. */
    String workspace(Api api, String org) {
        if (org != null && !org.isBlank()) {
            return org;
        }
        JsonNode orgs = api.get("/v1/users/me").path("data").path("orgs");
        if (orgs.size() == 1) {
            return orgs.get(0).path("id").asText();
        }
        throw usage(orgs.size() == 0 ? "you are in no workspace; pass --org" : "you are in " + orgs.size() + " workspaces; pass --org");
    }

    /** An OAuth token from --client-id/--client-secret or GATEHOUSE_CLIENT_ID/GATEHOUSE_CLIENT_SECRET. */
    String oauthToken(String clientId, String clientSecret) {
        return fetchToken(clientId, clientSecret).path("access_token").asText();
    }

    JsonNode fetchToken(String clientId, String clientSecret) {
        String id = clientId != null ? clientId : System.getenv("GATEHOUSE_CLIENT_ID");
        String secret = clientSecret != null ? clientSecret : System.getenv("GATEHOUSE_CLIENT_SECRET");
        if (id == null || id.isBlank() || secret == null || secret.isBlank()) {
            throw usage("needs --client-id and --client-secret (or GATEHOUSE_CLIENT_ID and GATEHOUSE_CLIENT_SECRET)");
        }
        return new Api(baseUrl(), null).token(id, secret);
    }
}
