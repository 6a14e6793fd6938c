package dev.gatehouse.adapter.in.http.edge;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.NanoTime;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection whose request line and headers have not all arrived within the header timeout, however
 * steadily they trickle in. The idle timeout alone cannot stop such a client (slowloris): every byte it sends
 * counts as activity. Each second the guard looks at the connector's open connections, and a connection
 * whose parser began a request more than the timeout ago and is still reading its headers is closed.
 * Connections between requests, handlers at work and open SSE streams are not reading headers, so they are
 * left alone.
 */
final class SlowHeaderGuard extends AbstractLifeCycle {

    private static final Logger LOG = LoggerFactory.getLogger(SlowHeaderGuard.class);

    private final AbstractConnector connector;
    private final long timeoutNanos;
    private final long periodMillis;
    private volatile Scheduler.Task task;

    SlowHeaderGuard(AbstractConnector connector, Duration timeout) {
        this.connector = connector;
        this.timeoutNanos = timeout.toNanos();
        this.periodMillis = Math.max(100, Math.min(1000, timeout.toMillis() / 4));
    }

    @Override
    protected void doStart() {
        schedule();
    }

    @Override
    protected void doStop() {
        Scheduler.Task scheduled = task;
        if (scheduled != null) {
            scheduled.cancel();
        }
    }

    private void schedule() {
        if (isRunning() || isStarting()) {
            task = connector.getScheduler().schedule(this::sweep, periodMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void sweep() {
        try {
            for (EndPoint endPoint : connector.getConnectedEndPoints()) {
                if (endPoint.getConnection() instanceof HttpConnection connection && tooSlow(connection.getParser())) {
                    LOG.info("closed a connection from {} whose headers took longer than {} ms", endPoint.getRemoteSocketAddress(),
                            TimeUnit.NANOSECONDS.toMillis(timeoutNanos));
                    endPoint.close();
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("the slow header check failed: {}", e.toString());
        } finally {
            schedule();
        }
    }

    private boolean tooSlow(HttpParser parser) {
        return parser != null && !parser.isStart() && parser.inHeaderState()
                && NanoTime.since(parser.getBeginNanoTime()) > timeoutNanos;
    }
}
