package dev.gatehouse.bootstrap.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gatehouse sources create|emit|tail}: event sources and their SSE stream (contract §8), with the API key. */
@Command(name = "sources", mixinStandardHelpOptions = true, description = "Event sources and their SSE stream.",
        subcommands = {SourcesCommand.Create.class, SourcesCommand.Emit.class, SourcesCommand.Tail.class})
public final class SourcesCommand {

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create an event source.")
    public static final class Create extends CliCommand {
        @Option(names = "--name", required = true, description = "Source name.")
        String name;

        @Option(names = "--org", paramLabel = "ORG_ID", description = "Workspace id; needed only when you are in several.")
        String org;

        @Override
        protected int execute() {
            ObjectNode body = Api.JSON.createObjectNode().put("name", name);
            if (org != null) {
                body.put("org_id", org);
            }
            JsonNode data = keyApi().post("/v1/sources", body).path("data");
            if (common.json) {
                printJson(data);
            } else {
                println(text(data, "id"));
            }
            return 0;
        }
    }

    @Command(name = "emit", mixinStandardHelpOptions = true, description = "Emit one event (a JSON object) to a source.")
    public static final class Emit extends CliCommand {
        @Parameters(index = "0", paramLabel = "SOURCE_ID", description = "The source (dc_…).")
        String id;

        @Parameters(index = "1", paramLabel = "JSON", description = "The event, a JSON object.")
        String event;

        @Override
        protected int execute() {
            JsonNode body;
            try {
                body = Api.JSON.readTree(event);
            } catch (IOException e) {
                throw usage("the event is not JSON");
            }
            if (body == null || !body.isObject()) {
                throw usage("the event must be a JSON object");
            }
            JsonNode data = keyApi().post("/v1/sources/" + id + "/events", body).path("data");
            if (common.json) {
                printJson(data);
            } else {
                println(text(data, "id"));
            }
            return 0;
        }
    }

    @Command(name = "tail", mixinStandardHelpOptions = true,
            description = "Follow a source's events; reconnects with Last-Event-ID. Prints each event's data line.")
    public static final class Tail extends CliCommand {
        @Parameters(paramLabel = "SOURCE_ID", description = "The source (dc_…).")
        String id;

        @Option(names = "--max-events", paramLabel = "N", defaultValue = "0", description = "Stop after N events (0: never).")
        long maxEvents;

        @Option(names = "--last-event-id", paramLabel = "ID", description = "Start after this event id.")
        String lastEventId;

        @Override
        protected int execute() throws InterruptedException {
            Api api = keyApi();
            long seen = 0;
            int failures = 0;
            Optional<String> last = Optional.ofNullable(lastEventId);
            while (true) {
                try {
                    HttpResponse<InputStream> response = api.stream("/v1/sources/" + id + "/sse", last);
                    failures = 0;
                    try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                        StringBuilder data = null;
                        String eventId = null;
                        String line;
                        while ((line = reader.readLine()) != null) {
                            if (line.isEmpty()) {
                                if (data != null) {
                                    if (eventId != null) {
                                        last = Optional.of(eventId);
                                    }
                                    out().println(data);
                                    out().flush();
                                    seen++;
                                    if (maxEvents > 0 && seen >= maxEvents) {
                                        return 0;
                                    }
                                }
                                data = null;
                                eventId = null;
                            } else if (line.startsWith(":")) {
                                continue;
                            } else if (line.startsWith("id:")) {
                                eventId = value(line, 3);
                            } else if (line.startsWith("data:")) {
                                data = data == null ? new StringBuilder(value(line, 5)) : data.append('\n').append(value(line, 5));
                            }
                        }
                    }
                } catch (IOException e) {
                    if (++failures > 5) {
                        throw api.unreachable(e);
                    }
                }
                Thread.sleep(Math.min(1000L * Math.max(1, failures), 5000L));
            }
        }

        private static String value(String line, int from) {
            String v = line.substring(from);
            return v.startsWith(" ") ? v.substring(1) : v;
        }
    }
}
