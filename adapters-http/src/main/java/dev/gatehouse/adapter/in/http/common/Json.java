package dev.gatehouse.adapter.in.http.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** The HTTP adapter's one JSON mapper, and the helpers that read request bodies and write responses. */
public final class Json {

    public static final String CONTENT_TYPE = "application/json";
    private static final int MAX_NESTING = 32;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // a repeated member is ambiguous (which one wins depends on the parser), so it is refused
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build());
    }

    private Json() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Writes {@code body} as the JSON response with {@code status}. */
    public static void respond(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType(CONTENT_TYPE).result(MAPPER.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a response body", e);
        }
    }

    /** {@code body} as JSON, in UTF-8: for a response rendered once and sent many times with {@link #respondRendered}. */
    public static byte[] render(Object body) {
        try {
            return MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a response body", e);
        }
    }

    /** Sends {@code json}, made by {@link #render}, as the JSON response with {@code status}. */
    public static void respondRendered(Context ctx, int status, byte[] json) {
        ctx.status(status).contentType(CONTENT_TYPE).result(json);
    }

    /** Parses the request body as a JSON object; an empty body is an empty object. */
    public static ObjectNode readObject(Context ctx) {
        // JSON is UTF-8 (RFC 8259 §8.1); ctx.body() would throw on a Content-Type charset that names no charset
        String body = new String(ctx.bodyAsBytes(), StandardCharsets.UTF_8);
        if (body.isBlank()) {
            return MAPPER.createObjectNode();
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("the body is not valid JSON");
        }
        if (!(node instanceof ObjectNode object)) {
            throw ApiException.badRequest("the body must be a JSON object");
        }
        return object;
    }

    /** ISO-8601 in UTC with milliseconds, the form of every timestamp in resource bodies. */
    public static String timestamp(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }
}
