package dev.gatehouse.bootstrap;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A public face of {@link TestServer} and {@link Workspace} for the client library's end-to-end tests in
 * {@code dev.gatehouse.bootstrap.library}, which cannot see those package-private helpers.
 */
public final class LibraryServer implements AutoCloseable {

    private final TestServer server;
    private final Workspace workspace;

    private LibraryServer(TestServer server, Workspace workspace) {
        this.server = server;
        this.workspace = workspace;
    }

    /** A server on a free port with an in-memory database, its workspace bootstrapped into {@code dir}. */
    public static LibraryServer start(Path dir, Duration tokenTtl) throws Exception {
        return start(dir, tokenTtl, null, Duration.ZERO);
    }

    /**
     * Like {@link #start(Path, Duration)}, with {@code issuer} when not {@code null}, and signing keys rotated every
     * {@code rotation} (zero: never), each published as long before it signs.
     */
    public static LibraryServer start(Path dir, Duration tokenTtl, String issuer, Duration rotation) throws Exception {
        Path boot = dir.resolve("boot-" + System.nanoTime() + ".json");
        ServerConfig config = ServerConfig.defaults("127.0.0.1", 0, TestServer.memoryDb())
                .withBootstrapFile(boot).withTokenTtl(tokenTtl);
        if (issuer != null) {
            config = config.withIssuer(issuer);
        }
        if (!rotation.isZero()) {
            config = config.withKeyRotation(rotation, rotation);
        }
        TestServer server = TestServer.start(config);
        try {
            return new LibraryServer(server, Workspace.of(server, boot));
        } catch (Exception | Error e) {
            server.close();
            throw e;
        }
    }

    public String base() {
        return server.base;
    }

    public String issuer() {
        return server.gatehouse.issuer();
    }

    public String jwksUri() {
        return server.base + "/.well-known/jwks.json";
    }

    public String workspaceId() {
        return workspace.orgId;
    }

    /** A new client allowed {@code scopesJson} (a JSON array), as {client_id, client_secret}. */
    public String[] client(String scopesJson) {
        return workspace.client(scopesJson);
    }

    /** A token fetched directly, without the library. */
    public String token(String[] client) {
        return workspace.token(client[0], client[1]);
    }

    /** RFC 7009 revocation of {@code token}, authenticated as {@code client}; returns the status. */
    public int revoke(String token, String[] client) {
        return server.postForm("/v1/oauth/revoke", "token=" + token, Workspace.basic(client[0], client[1])).status();
    }

    /** A request to {@code path} of this server, for the library to send. */
    public HttpRequest.Builder request(String path) {
        return server.request(path);
    }

    /** The status of GET {@code path} with {@code bearer}. */
    public int statusOf(String path, String bearer) {
        return server.get(path, bearer).status();
    }

    @Override
    public void close() {
        server.close();
    }
}
