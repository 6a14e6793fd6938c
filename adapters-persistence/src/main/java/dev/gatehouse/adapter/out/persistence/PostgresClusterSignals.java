package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.application.cluster.port.out.ClusterSignals;
import dev.gatehouse.domain.source.SourceId;
import dev.gatehouse.domain.workspace.WorkspaceId;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ClusterSignals} over PostgreSQL {@code LISTEN/NOTIFY}: every server sharing the database sends and
 * listens on one channel, {@code gatehouse_changes} (with {@code _<schema>} appended when Gatehouse's tables
 * are not in {@code public}, so that installations in different schemas of one database do not hear each
 * other). A payload names its sender, a random id per instance, so that a server skips its own signals:
 * {@code c:<node>} when credentials changed, {@code e:<node>:<source id>:<sequence>} when an event was
 * appended.
 *
 * <p>Signals are sent through the connection pool, and a failure to send is logged, never thrown: the other
 * servers' periodic check makes good a lost signal. They are received by one daemon thread on a connection
 * of its own, outside the pool (application name {@code gatehouse-listener}), which waits for notifications
 * half a second at a time and repeats its {@code LISTEN} every few quiet seconds to find out a silently dead
 * connection. When the connection is lost it reconnects, waiting 100 ms, then twice as long after each
 * failure, up to 5 s; after every (re)connection it tells the listener that credentials changed, since
 * signals sent meanwhile were missed.
 */
final class PostgresClusterSignals implements ClusterSignals, AutoCloseable {

    static final String CHANNEL = "gatehouse_changes";
    static final String LISTENER_APPLICATION_NAME = "gatehouse-listener";

    private static final Logger LOG = LoggerFactory.getLogger(PostgresClusterSignals.class);
    private static final int MAX_CHANNEL_BYTES = 63;
    private static final int POLL_MILLIS = 500;
    private static final long CHECK_AFTER_QUIET_MILLIS = 5_000;
    private static final long FIRST_BACKOFF_MILLIS = 100;
    private static final long MAX_BACKOFF_MILLIS = 5_000;
    private static final long CLOSE_WAIT_MILLIS = 2_000;
    private static final String LISTENER_CONNECT_TIMEOUT_SECONDS = "5";

    private final Jdbi jdbi;
    private final String url;
    private final String user;
    private final String password;
    private final String channel;
    private final String node = UUID.randomUUID().toString().replace("-", "");
    private final CountDownLatch closing = new CountDownLatch(1);
    private Thread thread;

    /** Signals on {@code channel} (see {@link #channelFor}), sent through {@code jdbi}, received on a connection to {@code url}. */
    PostgresClusterSignals(Jdbi jdbi, String url, String user, String password, String channel) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.url = Objects.requireNonNull(url, "url");
        this.user = user;
        this.password = password;
        this.channel = Objects.requireNonNull(channel, "channel");
    }

    /**
     * The channel of the installation whose tables are in {@code schema}: {@value #CHANNEL} for {@code public},
     * else {@code gatehouse_changes_<schema>}, cut to the 63 bytes PostgreSQL allows a channel name.
     */
    static String channelFor(String schema) {
        if (schema == null || schema.isEmpty() || schema.equals("public")) {
            return CHANNEL;
        }
        StringBuilder name = new StringBuilder(CHANNEL).append('_');
        int bytes = name.length();
        for (int i = 0; i < schema.length(); ) {
            int codePoint = schema.codePointAt(i);
            int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > MAX_CHANNEL_BYTES) {
                break;
            }
            name.appendCodePoint(codePoint);
            bytes += size;
            i += Character.charCount(codePoint);
        }
        return name.toString();
    }

    @Override
    public void credentialsChanged() {
        send("c:" + node);
    }

    @Override
    public void eventAppended(SourceId source, long sequence) {
        Objects.requireNonNull(source, "source");
        send("e:" + node + ":" + source.value() + ":" + sequence);
    }

    @Override
    public void auditRecorded(WorkspaceId workspace) {
        Objects.requireNonNull(workspace, "workspace");
        send("a:" + node + ":" + workspace.value());
    }

    /**
     * Starts the listening thread.
     *
     * @throws IllegalStateException when already listening, or closed
     */
    @Override
    public synchronized void listen(Listener listener) {
        Objects.requireNonNull(listener, "listener");
        if (isClosing()) {
            throw new IllegalStateException("the cluster signals are closed");
        }
        if (thread != null) {
            throw new IllegalStateException("already listening");
        }
        thread = new Thread(() -> receive(listener), "gatehouse-cluster-signals");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops the listening thread, which closes its connection; signals sent from now on are dropped. */
    @Override
    public void close() {
        Thread listening;
        synchronized (this) {
            closing.countDown();
            listening = thread;
        }
        if (listening != null && listening != Thread.currentThread()) {
            try {
                listening.join(CLOSE_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Hands the signal in {@code payload} to {@code listener}, unless {@code ownNode} sent it or it cannot be
     * read; answers whether it was handed over. The listener's failures are its own: logged, not thrown.
     */
    static boolean deliver(String payload, String ownNode, Listener listener) {
        if (payload == null || payload.length() < 2 || payload.charAt(1) != ':') {
            LOG.debug("ignoring an unreadable cluster signal");
            return false;
        }
        String rest = payload.substring(2);
        try {
            switch (payload.charAt(0)) {
                case 'c' -> {
                    if (rest.equals(ownNode)) {
                        return false;
                    }
                    listener.credentialsChanged();
                    return true;
                }
                case 'e' -> {
                    int afterNode = rest.indexOf(':');
                    int beforeSequence = rest.lastIndexOf(':');
                    if (afterNode <= 0 || beforeSequence <= afterNode) {
                        LOG.debug("ignoring an unreadable cluster signal");
                        return false;
                    }
                    if (rest.substring(0, afterNode).equals(ownNode)) {
                        return false;
                    }
                    String source = rest.substring(afterNode + 1, beforeSequence);
                    long sequence;
                    try {
                        sequence = Long.parseLong(rest.substring(beforeSequence + 1));
                    } catch (NumberFormatException e) {
                        LOG.debug("ignoring an unreadable cluster signal");
                        return false;
                    }
                    if (!SourceId.isValid(source)) {
                        LOG.debug("ignoring an unreadable cluster signal");
                        return false;
                    }
                    listener.eventAppended(new SourceId(source), sequence);
                    return true;
                }
                case 'a' -> {
                    int afterNode = rest.indexOf(':');
                    if (afterNode <= 0 || !WorkspaceId.isValid(rest.substring(afterNode + 1))) {
                        LOG.debug("ignoring an unreadable cluster signal");
                        return false;
                    }
                    if (rest.substring(0, afterNode).equals(ownNode)) {
                        return false;
                    }
                    listener.auditRecorded(new WorkspaceId(rest.substring(afterNode + 1)));
                    return true;
                }
                default -> {
                    LOG.debug("ignoring an unreadable cluster signal");
                    return false;
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("the cluster signal listener failed", e);
            return true;
        }
    }

    private void send(String payload) {
        if (isClosing()) {
            return;
        }
        try {
            jdbi.useHandle(handle -> handle.createQuery("SELECT pg_notify(:channel, :payload)")
                    .bind("channel", channel)
                    .bind("payload", payload)
                    .mapToMap()
                    .list());
        } catch (RuntimeException e) {
            LOG.warn("could not signal the other servers; they catch up at their next periodic check: {}", describe(e));
        }
    }

    /** The listening thread: connects, listens until the connection fails or {@link #close} is called, repeats. */
    private void receive(Listener listener) {
        long backoff = FIRST_BACKOFF_MILLIS;
        boolean failing = false;
        while (!isClosing()) {
            try (Connection connection = DriverManager.getConnection(url, listenerProperties())) {
                String listen = "LISTEN " + quoted(channel);
                execute(connection, listen);
                if (failing) {
                    LOG.info("listening for the other servers' signals again");
                }
                failing = false;
                backoff = FIRST_BACKOFF_MILLIS;
                tellCredentialsChanged(listener);
                poll(connection.unwrap(PGConnection.class), connection, listen, listener);
            } catch (SQLException | RuntimeException e) {
                if (isClosing()) {
                    break;
                }
                if (failing) {
                    LOG.debug("still cannot listen for the other servers' signals: {}", describe(e));
                } else {
                    LOG.warn("lost the connection that listens for the other servers' signals; reconnecting: {}",
                            describe(e));
                }
                failing = true;
            }
            if (waitForClosing(backoff)) {
                break;
            }
            backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
        }
    }

    /** Delivers notifications until {@link #close}; throws when the connection fails. */
    private void poll(PGConnection notifications, Connection connection, String listen, Listener listener)
            throws SQLException {
        long quietSince = System.nanoTime();
        while (!isClosing()) {
            PGNotification[] received = notifications.getNotifications(POLL_MILLIS);
            if (received != null && received.length > 0) {
                quietSince = System.nanoTime();
                for (PGNotification notification : received) {
                    deliver(notification.getParameter(), node, listener);
                }
            } else if (System.nanoTime() - quietSince > TimeUnit.MILLISECONDS.toNanos(CHECK_AFTER_QUIET_MILLIS)) {
                execute(connection, listen); // a round trip: fails on a connection that died without a word
                quietSince = System.nanoTime();
            }
        }
    }

    private Properties listenerProperties() {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("ApplicationName", LISTENER_APPLICATION_NAME);
        properties.setProperty("connectTimeout", LISTENER_CONNECT_TIMEOUT_SECONDS);
        properties.setProperty("tcpKeepAlive", "true");
        return properties;
    }

    private static void tellCredentialsChanged(Listener listener) {
        try {
            listener.credentialsChanged();
        } catch (RuntimeException e) {
            LOG.warn("the cluster signal listener failed", e);
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** The failure's kind and message, and its cause's, for a log line: no SQL arguments, no credentials. */
    private static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private boolean isClosing() {
        return closing.getCount() == 0;
    }

    /** Waits {@code millis}, or less if closed meanwhile; answers whether closed. */
    private boolean waitForClosing(long millis) {
        try {
            return closing.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }
}
