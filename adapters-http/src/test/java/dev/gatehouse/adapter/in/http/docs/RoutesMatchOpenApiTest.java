package dev.gatehouse.adapter.in.http.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.adapter.in.http.GatehouseHttpServer;
import dev.gatehouse.adapter.in.http.HttpSettings;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every route the server registers has an operation in openapi.yaml with the same method and path, and every
 * operation is a real route. The routes are read back from the server's own router, so no list is kept by hand.
 * Path parameters are compared by position, not by name.
 */
class RoutesMatchOpenApiTest {

    private static Set<String> routes;
    private static Set<String> operations;

    @BeforeAll
    static void readBoth() {
        GatehouseHttpServer server = GatehouseHttpServer.create(StubUseCases.create(),
                new HttpSettings("127.0.0.1", 0, "http://localhost:8080", Duration.ofSeconds(15)));
        try {
            routes = server.routes().stream().map(RoutesMatchOpenApiTest::normalize).collect(Collectors.toCollection(TreeSet::new));
        } finally {
            server.close();
        }
        operations = OpenApiContract.fromClasspath().operations().stream()
                .map(op -> normalize(op.method() + " " + op.path()))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void routesAreReadFromTheRouter() {
        assertThat(routes).contains("GET /health", "POST /v1/oauth/token", "GET /openapi.yaml", "GET /docs")
                .hasSizeGreaterThan(30);
    }

    @Test
    void everyRouteHasAnOperationInTheSpec() {
        assertThat(operations).as("operations in docs/openapi.yaml").containsAll(routes);
    }

    @Test
    void everyOperationInTheSpecIsARoute() {
        assertThat(routes).as("routes registered in GatehouseHttpServer").containsAll(operations);
    }

    /** {@code get /v1/workspaces/{org_id}} and Javalin's {@code <file>} both become {@code GET /v1/workspaces/{}}. */
    static String normalize(String route) {
        int space = route.indexOf(' ');
        String method = route.substring(0, space).toUpperCase(Locale.ROOT);
        String path = route.substring(space + 1).replaceAll("\\{[^}/]*}|<[^>/]*>", "{}");
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return method + " " + path;
    }
}
