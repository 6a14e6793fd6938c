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
            // Jetty would remember each connection's repeated header lines (Authorization among them) in a trie that
            // matches without regard to case, and so read a case variant of a credential as the one sent before it
            // (docs/security.md); matching case, the trie saved no CPU over parsing the line again (docs/performance.md).
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
