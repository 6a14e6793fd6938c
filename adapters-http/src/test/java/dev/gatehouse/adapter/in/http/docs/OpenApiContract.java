package dev.gatehouse.adapter.in.http.docs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The OpenAPI description as a test oracle. Given an operation, a status, the response headers and the JSON
 * body, it says whether the response is one the description documents: the status is listed, every required
 * header is there and fits its schema, and the body validates against the schema of its media type (JSON Schema
 * 2020-12 in the OpenAPI 3.1 dialect, with networknt's json-schema-validator). Shared with bootstrap's
 * end-to-end tests through this module's test-jar.
 */
public final class OpenApiContract {

    /** The base URI under which the document is registered, so that its {@code #/components/...} refs resolve. */
    private static final String BASE = "https://gatehouse.invalid/openapi.json";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode document;
    private final SchemaRegistry registry;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private OpenApiContract(JsonNode document) {
        this.document = document;
        JsonNode absolute = absoluteRefs(document.deepCopy());
        String text;
        try {
            text = JSON.writeValueAsString(absolute);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        this.registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31(), builder -> builder.schemas(Map.of(BASE, text)));
    }

    /** The description as the server serves it: the copy of {@code docs/openapi.yaml} on the classpath. */
    public static OpenApiContract fromClasspath() {
        try (InputStream in = OpenApiContract.class.getResourceAsStream(DocsEndpoints.SPEC_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("no " + DocsEndpoints.SPEC_RESOURCE + " on the classpath");
            }
            return of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A description given as YAML (or JSON) text, such as the body of {@code GET /openapi.yaml}. */
    public static OpenApiContract of(String yaml) {
        try {
            return new OpenApiContract(new YAMLMapper().readTree(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonNode document() {
        return document;
    }

    /** One operation of the description. */
    public record Operation(String method, String path, String id, JsonNode node) {

        /** {@code x-gatehouse-credentials}: {@code api_key}, {@code oauth}, the client methods, or none. */
        public List<String> credentials() {
            List<String> out = new ArrayList<>();
            node.path("x-gatehouse-credentials").forEach(c -> out.add(c.asText()));
            return out;
        }

        /** {@code x-gatehouse-scope}: the scope an OAuth token needs here. */
        public Optional<String> scope() {
            return Optional.ofNullable(node.get("x-gatehouse-scope")).map(JsonNode::asText);
        }

        /** Whether a request of {@code method} to the concrete {@code requestPath} is this operation. */
        public boolean matches(String method, String requestPath) {
            return this.method.equalsIgnoreCase(method) && template(path).matcher(requestPath).matches();
        }

        @Override
        public String toString() {
            return method.toUpperCase(Locale.ROOT) + " " + path + " (" + id + ")";
        }
    }

    /** Every operation, in the document's order. */
    public List<Operation> operations() {
        List<Operation> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (METHODS.contains(op.getKey())) {
                    out.add(new Operation(op.getKey(), path.getKey(), op.getValue().path("operationId").asText(null), op.getValue()));
                }
            }
        }
        return out;
    }

    public Operation operation(String operationId) {
        return operations().stream().filter(op -> operationId.equals(op.id())).findFirst()
                .orElseThrow(() -> new AssertionError("openapi.yaml has no operation " + operationId));
    }

    /** The operation that a request of {@code method} to the concrete {@code requestPath} is. */
    public Operation operationFor(String method, String requestPath) {
        return operations().stream().filter(op -> op.matches(method, requestPath)).findFirst()
                .orElseThrow(() -> new AssertionError("openapi.yaml has no operation for " + method + " " + requestPath));
    }

    /**
     * Fails, listing every problem, unless the response is one that {@code operationId} documents.
     *
     * @param headers the response headers, by name in any case
     * @param body the response body; empty when there is none
     */
    public void assertConforms(String operationId, int status, Map<String, List<String>> headers, String body) {
        List<String> problems = problems(operationId, status, headers, body);
        if (!problems.isEmpty()) {
            throw new AssertionError(operationId + " answered " + status + " " + abbreviate(body)
                    + "\nwhich openapi.yaml does not document:\n  - " + String.join("\n  - ", problems));
        }
    }

    /** What is wrong with the response, measured against {@code operationId}; empty when it conforms. */
    public List<String> problems(String operationId, int status, Map<String, List<String>> headers, String body) {
        Operation operation = operation(operationId);
        String base = pointer("paths", operation.path(), operation.method(), "responses");
        JsonNode responses = operation.node().path("responses");
        String key = String.valueOf(status);
        if (!responses.has(key)) {
            key = status / 100 + "XX";
        }
        if (!responses.has(key)) {
            key = "default";
        }
        if (!responses.has(key)) {
            return List.of("status " + status + " is not documented");
        }
        Located response = resolve(new Located(responses.get(key), base + "/" + escape(key)));
        List<String> problems = new ArrayList<>();
        checkHeaders(response, headers, problems);
        checkBody(response, status, headers, body, problems);
        return problems;
    }

    /** What is wrong with {@code instance} measured against the schema at {@code pointer}; empty when it fits. */
    public List<String> schemaProblems(String pointer, JsonNode instance) {
        Located schema = resolve(new Located(at(pointer), pointer));
        List<String> out = new ArrayList<>();
        for (Error error : schema(schema.pointer()).validate(instance)) {
            out.add(error.getInstanceLocation() + ": " + error.getMessage());
        }
        return out;
    }

    /** The node a local {@code $ref} or JSON pointer ({@code #/components/schemas/Error}) names. */
    public JsonNode at(String ref) {
        String pointer = ref.startsWith("#") ? ref.substring(1) : ref;
        JsonNode node = document.at(pointer);
        if (node.isMissingNode()) {
            throw new AssertionError("openapi.yaml has nothing at " + ref);
        }
        return node;
    }

    /** A node of the document and the JSON pointer it sits at. */
    record Located(JsonNode node, String pointer) {}

    /** Follows {@code $ref}s until a node that is not one. */
    Located resolve(Located located) {
        Located current = located;
        for (int hops = 0; current.node().has("$ref"); hops++) {
            if (hops > 20) {
                throw new AssertionError("a $ref loop at " + located.pointer());
            }
            String ref = current.node().get("$ref").asText();
            current = new Located(at(ref), ref.substring(1));
        }
        return current;
    }

    private void checkHeaders(Located response, Map<String, List<String>> actual, List<String> problems) {
        for (Iterator<Map.Entry<String, JsonNode>> it = response.node().path("headers").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            Located header = resolve(new Located(entry.getValue(), response.pointer() + "/headers/" + escape(entry.getKey())));
            Optional<String> value = header(actual, entry.getKey());
            if (value.isEmpty()) {
                if (header.node().path("required").asBoolean(false)) {
                    problems.add("the required header " + entry.getKey() + " is missing");
                }
                continue;
            }
            if (header.node().has("schema")) {
                JsonNode instance = asHeaderValue(value.get(), header.node().get("schema"));
                for (Error error : schema(resolve(new Located(header.node().get("schema"), header.pointer() + "/schema")).pointer())
                        .validate(instance)) {
                    problems.add("header " + entry.getKey() + ": " + value.get() + ": " + error.getMessage());
                }
            }
        }
    }

    private void checkBody(Located response, int status, Map<String, List<String>> headers, String body, List<String> problems) {
        JsonNode content = response.node().get("content");
        boolean empty = body == null || body.isEmpty();
        if (content == null || content.isEmpty()) {
            if (!empty) {
                problems.add("the response documents no body, but there is one");
            }
            return;
        }
        String contentType = header(headers, "Content-Type").map(t -> t.split(";")[0].strip().toLowerCase(Locale.ROOT)).orElse("");
        if (!content.has(contentType)) {
            problems.add("Content-Type " + contentType + " is not documented (documented: " + fieldNames(content) + ")");
            return;
        }
        String schemaPointer = response.pointer() + "/content/" + escape(contentType) + "/schema";
        if (!content.get(contentType).has("schema") || !contentType.endsWith("json")) {
            return;
        }
        JsonNode instance;
        try {
            instance = JSON.readTree(empty ? "" : body);
        } catch (JsonProcessingException e) {
            problems.add("the body is not JSON");
            return;
        }
        if (instance == null || instance.isMissingNode()) {
            problems.add("the body is empty, but status " + status + " documents a JSON body");
            return;
        }
        Located schema = resolve(new Located(content.get(contentType).get("schema"), schemaPointer));
        for (Error error : schema(schema.pointer()).validate(instance)) {
            problems.add("body " + error.getInstanceLocation() + ": " + error.getMessage());
        }
    }

    private Schema schema(String pointer) {
        return schemas.computeIfAbsent(pointer, p -> registry.getSchema(SchemaLocation.of(BASE + "#" + fragment(p))));
    }

    /** A header's text as the JSON its schema expects: an integer when the schema says so, a string otherwise. */
    private JsonNode asHeaderValue(String value, JsonNode schema) {
        JsonNode resolved = resolve(new Located(schema, "")).node();
        if ("integer".equals(resolved.path("type").asText())) {
            try {
                return IntNode.valueOf(Integer.parseInt(value.strip()));
            } catch (NumberFormatException e) {
                return TextNode.valueOf(value);
            }
        }
        return TextNode.valueOf(value);
    }

    private static Optional<String> header(Map<String, List<String>> headers, String name) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
                .map(e -> e.getValue().get(0))
                .findFirst();
    }

    /** Rewrites every local {@code $ref} as an absolute one under {@link #BASE}, so that any sub-schema resolves. */
    private static JsonNode absoluteRefs(JsonNode node) {
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isTextual() && ref.asText().startsWith("#")) {
                object.put("$ref", BASE + "#" + fragment(ref.asText().substring(1)));
            }
            object.forEach(OpenApiContract::absoluteRefs);
        } else if (node.isArray()) {
            node.forEach(OpenApiContract::absoluteRefs);
        }
        return node;
    }

    /** A JSON pointer as a URI fragment: the characters a fragment may not hold, percent-encoded. */
    private static String fragment(String pointer) {
        StringBuilder out = new StringBuilder();
        for (byte b : pointer.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "/-._~!$&'()*+,;=:@".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    static String pointer(String... tokens) {
        StringBuilder out = new StringBuilder();
        for (String token : tokens) {
            out.append('/').append(escape(token));
        }
        return out.toString();
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private static Pattern template(String path) {
        return Pattern.compile(Pattern.quote(path).replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q"));
    }

    private static String fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return String.join(", ", names);
    }

    private static String abbreviate(String body) {
        if (body == null) {
            return "";
        }
        return body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }
}
