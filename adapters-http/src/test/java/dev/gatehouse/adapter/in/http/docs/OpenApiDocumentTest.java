package dev.gatehouse.adapter.in.http.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.domain.scope.Scope;
import dev.gatehouse.domain.scope.ScopeCatalog;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docs/openapi.yaml is valid OpenAPI 3.1 for swagger-parser, its refs all resolve, every operation says which
 * credentials and scope it takes (and its security requirements agree), and every example fits its schema.
 */
class OpenApiDocumentTest {

    private static final Path SOURCE = Path.of("..", "docs", "openapi.yaml");
    private static final Set<String> CREDENTIALS = Set.of("api_key", "oauth", "client_secret_basic", "client_secret_post");

    private final OpenApiContract spec = OpenApiContract.fromClasspath();

    @Test
    void servedCopyIsTheFileInDocs() throws IOException {
        try (var in = OpenApiContract.class.getResourceAsStream(DocsEndpoints.SPEC_RESOURCE)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(Files.readString(SOURCE));
        }
    }

    @Test
    void swaggerParserReadsItAsOpenApi31WithNoMessages() throws IOException {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(Files.readString(SOURCE), null, options);

        assertThat(result.getMessages()).isEmpty();
        OpenAPI openApi = result.getOpenAPI();
        assertThat(openApi.getSpecVersion()).isEqualTo(SpecVersion.V31);
        assertThat(openApi.getOpenapi()).isEqualTo("3.1.0");
        assertThat(openApi.getInfo().getTitle()).isNotBlank();
        assertThat(openApi.getPaths()).hasSizeGreaterThan(20);
    }

    @Test
    void swaggerParserResolvesEveryRefFully() throws IOException {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(Files.readString(SOURCE), null, options);

        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getOpenAPI().getPaths().get("/v1/users/me").getGet().getResponses().get("401").getContent())
                .containsKey("application/json");
    }

    @Test
    void everyRefIsLocalAndResolves() {
        List<String> refs = new ArrayList<>();
        collectRefs(spec.document(), refs);

        assertThat(refs).isNotEmpty().allSatisfy(ref -> {
            assertThat(ref).startsWith("#/");
            assertThat(spec.at(ref).isMissingNode()).isFalse();
        });
    }

    /** Swagger UI shows a {@code $ref} parameter declared on a path item, not on its operation, as "any". */
    @Test
    void parametersAreDeclaredOnOperationsSoTheReferencePageShowsThem() {
        assertThat(spec.document().get("paths")).allSatisfy(item -> assertThat(item.has("parameters")).isFalse());
        assertThat(spec.operations()).filteredOn(op -> op.path().contains("{")).allSatisfy(op -> {
            List<String> declared = new ArrayList<>();
            op.node().path("parameters").forEach(p -> declared.add(p.has("$ref") ? spec.at(p.get("$ref").asText()).path("name").asText()
                    : p.path("name").asText()));
            java.util.regex.Matcher names = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(op.path());
            while (names.find()) {
                assertThat(declared).as("%s declares its path parameter", op).contains(names.group(1));
            }
        });
    }

    @Test
    void everyOperationHasAUniqueId() {
        List<String> ids = spec.operations().stream().map(OpenApiContract.Operation::id).toList();

        assertThat(ids).doesNotContainNull().doesNotHaveDuplicates();
    }

    @Test
    void everyOperationNamesItsCredentialsAndItsSecurityRequirementsAgree() {
        Set<String> catalog = ScopeCatalog.standard().scopes().stream().map(Scope::value).collect(Collectors.toSet());
        assertThat(spec.operations()).allSatisfy(op -> {
            assertThat(op.node().has("x-gatehouse-credentials")).as("%s has x-gatehouse-credentials", op).isTrue();
            List<String> credentials = op.credentials();
            assertThat(CREDENTIALS).as("%s credentials", op).containsAll(credentials);
            Set<String> schemes = securitySchemes(op.node());
            if (credentials.contains("oauth")) {
                assertThat(op.scope()).as("%s x-gatehouse-scope", op).isPresent();
                assertThat(catalog).contains(op.scope().orElseThrow());
                assertThat(oauthScopes(op.node())).as("%s oauth2 scopes", op).containsExactly(op.scope().orElseThrow());
            } else {
                assertThat(op.scope()).as("%s x-gatehouse-scope without oauth", op).isEmpty();
            }
            assertThat(schemes.contains("apiKey")).as("%s apiKey scheme", op).isEqualTo(credentials.contains("api_key"));
            assertThat(schemes.contains("oauth2")).as("%s oauth2 scheme", op).isEqualTo(credentials.contains("oauth"));
            assertThat(schemes.contains("clientSecretBasic")).as("%s basic scheme", op)
                    .isEqualTo(credentials.contains("client_secret_basic"));
            if (credentials.isEmpty()) {
                assertThat(op.node().get("security")).as("%s security", op).isEmpty();
            }
        });
    }

    @Test
    void everyBearerOperationDocumentsTheBearerErrors() {
        assertThat(spec.operations()).filteredOn(op -> op.credentials().contains("api_key") || op.credentials().contains("oauth"))
                .isNotEmpty()
                .allSatisfy(op -> {
                    JsonNode responses = op.node().get("responses");
                    assertThat(responses.path("401").path("$ref").asText()).as("%s 401", op).isEqualTo("#/components/responses/Unauthorized");
                    assertThat(responses.path("403").path("$ref").asText()).as("%s 403", op).isEqualTo("#/components/responses/Forbidden");
                    assertThat(responses.has("429")).as("%s 429", op).isTrue();
                    if (op.path().contains("{")) {
                        assertThat(responses.has("404")).as("%s 404", op).isTrue();
                    }
                });
        assertThat(spec.at("#/components/headers/WWW-Authenticate-Bearer").path("required").asBoolean()).isTrue();
    }

    @Test
    void oauthEndpointsAnswerErrorsInTheRfc6749Shape() {
        assertThat(spec.operations()).filteredOn(op -> op.path().startsWith("/v1/oauth/")).hasSize(3).allSatisfy(op -> {
            JsonNode responses = op.node().get("responses");
            assertThat(responses.path("400").path("$ref").asText()).isEqualTo("#/components/responses/OAuthBadRequest");
            assertThat(responses.path("401").path("$ref").asText()).isEqualTo("#/components/responses/OAuthInvalidClient");
            assertThat(op.node().path("requestBody").path("content").has("application/x-www-form-urlencoded")).isTrue();
            assertThat(op.node().path("requestBody").path("content").has("application/json")).isTrue();
        });
    }

    @Test
    void everyExampleFitsItsSchema() {
        List<String> checked = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        walkMediaTypes(spec.document(), "", (pointer, mediaType) -> {
            JsonNode examples = mediaType.path("examples");
            for (Iterator<Map.Entry<String, JsonNode>> it = examples.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> example = it.next();
                if (!example.getValue().has("value")) {
                    continue;
                }
                checked.add(pointer + "/examples/" + example.getKey());
                spec.schemaProblems(pointer + "/schema", example.getValue().get("value"))
                        .forEach(p -> problems.add(pointer + " example " + example.getKey() + ": " + p));
            }
        });

        assertThat(checked).hasSizeGreaterThan(20);
        assertThat(problems).isEmpty();
    }

    /** Calls {@code visit} with every JSON or form media type object that has a schema, and its pointer. */
    private static void walkMediaTypes(JsonNode node, String pointer, java.util.function.BiConsumer<String, JsonNode> visit) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String child = pointer + "/" + field.getKey().replace("~", "~0").replace("/", "~1");
                if (field.getKey().equals("content") && field.getValue().isObject()) {
                    for (Iterator<Map.Entry<String, JsonNode>> types = field.getValue().fields(); types.hasNext(); ) {
                        Map.Entry<String, JsonNode> type = types.next();
                        boolean structured = type.getKey().endsWith("json") || type.getKey().equals("application/x-www-form-urlencoded");
                        if (structured && type.getValue().has("schema")) {
                            visit.accept(child + "/" + type.getKey().replace("/", "~1"), type.getValue());
                        }
                    }
                } else {
                    walkMediaTypes(field.getValue(), child, visit);
                }
            }
        }
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if (field.getKey().equals("$ref") && field.getValue().isTextual()) {
                    refs.add(field.getValue().asText());
                } else {
                    collectRefs(field.getValue(), refs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collectRefs(child, refs));
        }
    }

    private static Set<String> securitySchemes(JsonNode operation) {
        Set<String> out = new HashSet<>();
        operation.path("security").forEach(requirement -> requirement.fieldNames().forEachRemaining(out::add));
        return out;
    }

    private static List<String> oauthScopes(JsonNode operation) {
        List<String> out = new ArrayList<>();
        operation.path("security").forEach(requirement -> requirement.path("oauth2").forEach(s -> out.add(s.asText())));
        return out;
    }
}
