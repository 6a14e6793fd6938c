package dev.gatehouse.adapter.in.http.edge;

import io.javalin.config.JavalinConfig;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Applies the {@link RequestLimits} to Javalin and its Jetty connector: the body limit (413), the header limit
 * (431, answered by Jetty itself), the idle timeout and the {@link SlowHeaderGuard}.
 */
public final class JettyLimits {

    private JettyLimits() {}

    public static void apply(JavalinConfig config, String host, int port, RequestLimits limits) {
        config.http.maxRequestSize = limits.maxBodyBytes();
        config.jetty.modifyHttpConfiguration(http -> {
            http.setRequestHeaderSize(limits.maxHeaderBytes());
            http.setSendServerVersion(false);
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
