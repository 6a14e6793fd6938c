package dev.gatehouse.adapter.in.http.edge;

import io.javalin.config.JavalinConfig;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Applies the {@link RequestLimits} to Javalin and its Jetty connector: the body limit (413), the header limit
 * (431, answered by Jetty itself), the idle timeout and the {@link SlowHeaderGuard}; and two settings of the
 * request path that profiles showed to matter (the header cache and the response copy buffer).
 */
public final class JettyLimits {

    static final int RESPONSE_COPY_BUFFER = 4096;

    private JettyLimits() {}

    public static void apply(JavalinConfig config, String host, int port, RequestLimits limits) {
        config.http.maxRequestSize = limits.maxBodyBytes();
        // Javalin copies each response body through a new buffer of this size (by default Jetty's 32 KB output
        // buffer): most of what a request allocated. The bodies are small, and a larger one is copied in more steps.
        config.http.responseBufferSize = RESPONSE_COPY_BUFFER;
        config.jetty.modifyHttpConfiguration(http -> {
            http.setRequestHeaderSize(limits.maxHeaderBytes());
            http.setSendServerVersion(false);
            // Jetty remembers each connection's repeated header lines (Authorization among them) in a per-character trie, and
            // walking that trie costs about twice what parsing the line again does: for an access token of some 900
            // characters it was the largest single cost of an authenticated request (docs/performance.md).
            http.setHeaderCacheSize(0);
        });
        config.jetty.addConnector((server, http) -> {
            ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
            connector.setHost(host);
            connector.setPort(port);
            connector.setIdleTimeout(limits.idleTimeout().toMillis());
            connector.addBean(new SlowHeaderGuard(connector, limits.headerTimeout()));
            return connector;
        });
    }
}
