package dev.gatehouse.adapter.out.persistence;

import com.google.common.base.Throwables;
import com.google.common.util.concurrent.Uninterruptibles;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.gatehouse.application.apikey.port.out.ApiKeyRepository;
import dev.gatehouse.application.audit.port.out.AuditLog;
import dev.gatehouse.application.client.port.out.OAuthClientRepository;
import dev.gatehouse.application.cluster.port.out.ClusterLock;
import dev.gatehouse.application.cluster.port.out.ClusterSignals;
import dev.gatehouse.application.console.port.out.ConsoleSessionRepository;
import dev.gatehouse.application.project.port.out.ProjectRepository;
import dev.gatehouse.application.shared.StoreUnavailableException;
import dev.gatehouse.application.shared.port.out.Transactions;
import dev.gatehouse.application.source.port.out.SourceRepository;
import dev.gatehouse.application.token.port.out.RevokedTokenRepository;
import dev.gatehouse.application.token.port.out.SecretSealer;
import dev.gatehouse.application.token.port.out.SigningKeyRepository;
import dev.gatehouse.application.token.port.out.UnreadableSecretException;
import dev.gatehouse.application.workspace.port.out.InstallationRepository;
import dev.gatehouse.application.workspace.port.out.UserRepository;
import dev.gatehouse.application.workspace.port.out.WorkspaceRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

/**
 * The persistence adapter's entry point: a connection pool, the schema migrated to the latest version, and
 * the repositories over it.
 *
 * <p>Two databases are supported with the same migrations: PostgreSQL 15 or later, and H2 2.x in its
 * default mode. No H2 {@code MODE=} or {@code DATABASE_TO_LOWER} option is needed or assumed: the schema
 * keeps to SQL that both accept, with unquoted identifiers only, BIGINT epoch-millisecond timestamps,
 * length-less VARCHAR for long text, and SQLSTATE 23505 (the same on both) for unique violations.
 *
 * <p>An H2 file database must be named by an explicit path ({@code jdbc:h2:file:./data/gatehouse}, not
 * {@code jdbc:h2:data/gatehouse}, which H2 refuses); its parent folder is created when missing. By default
 * H2 writes commits to its file up to half a second late, so a killed process loses its last commits (an
 * installation whose credentials were already printed, say). {@link #open} therefore adds
 * {@code ;WRITE_DELAY=0} to an H2 file URL that does not set {@code WRITE_DELAY} itself: each commit then
 * reaches the file before it returns, and survives the process being killed. (Setting it needs H2 admin
 * rights, which the user that created the database has.) An H2 file is opened by one process at a time:
 * servers that share a database use PostgreSQL.
 *
 * <p>Every repository throws {@link StoreUnavailableException} when the database cannot be reached (see
 * {@link StoreFaults}); other failures pass through unchanged. The pool answers such a call within a few
 * seconds rather than waiting, and reconnects by itself once the database is back: a {@code Database} is
 * never reopened after a fault. On PostgreSQL its connections carry the application name {@code gatehouse},
 * and {@link #clusterSignals()} tells the other servers on the database about changes.
 */
public final class Database implements AutoCloseable {

    /** The connection pool's size when {@link #open(String, String, String)} is not told one. */
    public static final int DEFAULT_POOL_SIZE = 10;
    /** The smallest pool: the schema migration holds two connections at once. */
    public static final int MIN_POOL_SIZE = 2;
    static final String APPLICATION_NAME = "gatehouse";

    private static final long CONNECTION_TIMEOUT_MILLIS = 2_500;
    private static final long VALIDATION_TIMEOUT_MILLIS = 1_000;
    private static final int READINESS_TIMEOUT_SECONDS = 2;
    private static final String H2_PREFIX = "jdbc:h2:";
    private static final String POSTGRES_PREFIX = "jdbc:postgresql:";
    private static final String WRITE_DELAY = "WRITE_DELAY";
    /** JDBI's holder of its Flight Recorder statement event, set up when the class is initialised. */
    private static final String JDBI_STATEMENT_EVENTS = "org.jdbi.v3.core.statement.internal.JfrSupport";
    private static final AtomicBoolean STATEMENT_EVENTS_PREPARED = new AtomicBoolean();

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final ClusterSignals clusterSignals;
    private final WorkspaceRepository workspaces;
    private final UserRepository users;
    private final ApiKeyRepository apiKeys;
    private final OAuthClientRepository clients;
    private final InstallationRepository installations;
    private final AuditLog auditLog;
    private final SourceRepository sources;
    private final RevokedTokenRepository revokedTokens;
    private final ProjectRepository projects;
    private final ClusterLock clusterLock;
    private final Transactions transactions;
    private final ConsoleSessionRepository consoleSessions;

    private Database(HikariDataSource dataSource, Jdbi jdbi, ClusterSignals clusterSignals, boolean postgres) {
        this.dataSource = dataSource;
        this.jdbi = jdbi;
        this.clusterSignals = clusterSignals;
        this.clusterLock = StoreFaults.translating(ClusterLock.class, new JdbiClusterLock(jdbi, postgres));
        this.workspaces = StoreFaults.translating(WorkspaceRepository.class, new JdbiWorkspaceRepository(jdbi));
        this.users = StoreFaults.translating(UserRepository.class, new JdbiUserRepository(jdbi));
        this.apiKeys = StoreFaults.translating(ApiKeyRepository.class, new JdbiApiKeyRepository(jdbi));
        this.clients = StoreFaults.translating(OAuthClientRepository.class, new JdbiOAuthClientRepository(jdbi));
        this.installations = StoreFaults.translating(InstallationRepository.class, new JdbiInstallationRepository(jdbi));
        this.auditLog = StoreFaults.translating(AuditLog.class, new JdbiAuditLog(jdbi));
        this.sources = StoreFaults.translating(SourceRepository.class, new JdbiSourceRepository(jdbi));
        this.revokedTokens = StoreFaults.translating(RevokedTokenRepository.class, new JdbiRevokedTokenRepository(jdbi));
        this.projects = StoreFaults.translating(ProjectRepository.class, new JdbiProjectRepository(jdbi));
        this.transactions = StoreFaults.translating(Transactions.class, new JdbiTransactions(jdbi));
        this.consoleSessions = StoreFaults.translating(ConsoleSessionRepository.class, new JdbiConsoleSessionRepository(jdbi));
    }

    /** {@link #open(String, String, String, int)} with a pool of {@value #DEFAULT_POOL_SIZE} connections. */
    public static Database open(String jdbcUrl, String user, String password) {
        return open(jdbcUrl, user, password, DEFAULT_POOL_SIZE);
    }

    /**
     * Connects to the database at {@code jdbcUrl} ({@code jdbc:postgresql:…} or {@code jdbc:h2:…}) through a
     * pool of {@code poolSize} connections, migrates its schema and returns the repositories over it. Flyway
     * migrates, unless one query of its history table shows that the schema already holds exactly the bundled
     * migrations ({@link SchemaHistory}), as on a restart that brings no new migration.
     *
     * @throws IllegalArgumentException when {@code poolSize} is below {@value #MIN_POOL_SIZE}
     * @throws RuntimeException when the database cannot be reached or migrated; nothing is left open
     */
    public static Database open(String jdbcUrl, String user, String password, int poolSize) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (poolSize < MIN_POOL_SIZE) {
            throw new IllegalArgumentException("the pool size must be at least " + MIN_POOL_SIZE + ", not " + poolSize);
        }
        prepareStatementEvents();
        Optional<Path> h2Folder = h2FileParent(jdbcUrl);
        h2Folder.ifPresent(Database::createDirectories);
        boolean postgres = isPostgres(jdbcUrl);
        HikariConfig config = new HikariConfig();
        config.setPoolName("gatehouse");
        config.setJdbcUrl(h2Folder.isPresent() ? withDurableCommits(jdbcUrl) : jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
        config.setValidationTimeout(VALIDATION_TIMEOUT_MILLIS);
        if (postgres) {
            config.addDataSourceProperty("ApplicationName", APPLICATION_NAME);
        }
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            // JDBI's set-up takes no connection: it is done on another thread while Flyway checks the schema.
            FutureTask<Jdbi> creatingJdbi = new FutureTask<>(() -> Jdbi.create(dataSource));
            startDaemon("gatehouse-jdbi", creatingJdbi);
            migrateUnlessCurrent(dataSource);
            Jdbi jdbi = result(creatingJdbi);
            ClusterSignals signals = postgres
                    ? new PostgresClusterSignals(jdbi, jdbcUrl, user, password,
                            PostgresClusterSignals.channelFor(currentSchema(jdbi)))
                    : ClusterSignals.NONE;
            return new Database(dataSource, jdbi, signals, postgres);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    /**
     * Flyway migrates the schema to the newest bundled version, after checking the recorded checksums of the
     * migrations already applied; it refuses a database whose applied migrations differ from the bundled ones.
     * Flyway is not started when {@link SchemaHistory} finds the schema at exactly the bundled migrations, where it
     * would do nothing.
     *
     * @return whether Flyway ran
     */
    static boolean migrateUnlessCurrent(DataSource dataSource) {
        if (SchemaHistory.isCurrent(dataSource, Database.class.getClassLoader())) {
            return false;
        }
        Flyway.configure(Database.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:" + SchemaHistory.LOCATION)
                .load()
                .migrate();
        return true;
    }

    /**
     * JDBI registers its JDK Flight Recorder event type with the JVM before its first statement, which sets up the
     * recorder's metadata: one of the longer steps of a start, and one that needs no connection. It is started here
     * on a thread of its own, while the pool opens the database and Flyway checks the schema; the first statement
     * waits for it only if it is not done by then. (With another JDBI that lacks the class, the first statement
     * does whatever that version needs, as before.) Once per process.
     */
    private static void prepareStatementEvents() {
        if (!STATEMENT_EVENTS_PREPARED.compareAndSet(false, true)) {
            return;
        }
        startDaemon("gatehouse-jdbi-events", () -> {
            try {
                Class.forName(JDBI_STATEMENT_EVENTS, true, Jdbi.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                // nothing prepared; the first statement does it
            }
        });
    }

    private static void startDaemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** The value of {@code task}, waited for; what it threw is thrown again as it was. */
    private static <T> T result(FutureTask<T> task) {
        try {
            return Uninterruptibles.getUninterruptibly(task);
        } catch (ExecutionException e) {
            Throwables.throwIfUnchecked(e.getCause());
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The default database: an H2 file {@code ./data/gatehouse.mv.db} below the working directory. */
    public static String defaultH2Url() {
        return "jdbc:h2:file:./data/gatehouse;WRITE_DELAY=0";
    }

    public WorkspaceRepository workspaces() {
        return workspaces;
    }

    public UserRepository users() {
        return users;
    }

    public ApiKeyRepository apiKeys() {
        return apiKeys;
    }

    public OAuthClientRepository clients() {
        return clients;
    }

    public InstallationRepository installations() {
        return installations;
    }

    /**
     * The signing keys, their private keys sealed at rest under {@code sealer}'s master key. The first call on
     * a database without a master key records this one; every call then checks that {@code sealer} is the
     * database's master key, and seals any key that an earlier version stored in plaintext.
     *
     * @throws UnreadableSecretException when the database's keys are sealed under another master key
     */
    public SigningKeyRepository signingKeys(SecretSealer sealer) {
        return StoreFaults.translating(SigningKeyRepository.class, JdbiSigningKeyRepository.open(jdbi, sealer));
    }

    /** Whether this database has a master key: one was recorded by {@link #signingKeys(SecretSealer)} before. */
    public boolean hasMasterKey() {
        return JdbiSigningKeyRepository.hasMasterKey(jdbi);
    }

    public AuditLog auditLog() {
        return auditLog;
    }

    public SourceRepository sources() {
        return sources;
    }

    public RevokedTokenRepository revokedTokens() {
        return revokedTokens;
    }

    public ProjectRepository projects() {
        return projects;
    }

    public ConsoleSessionRepository consoleSessions() {
        return consoleSessions;
    }

    /**
     * How this server and the others on the same database tell each other about changes: PostgreSQL
     * {@code LISTEN/NOTIFY} ({@link PostgresClusterSignals}) on PostgreSQL, {@link ClusterSignals#NONE} on H2,
     * which one server alone uses. Closed with the database.
     */
    public ClusterSignals clusterSignals() {
        return clusterSignals;
    }

    /** A lock that one server at a time holds: a PostgreSQL advisory lock, or a lock of this process on H2. */
    public ClusterLock clusterLock() {
        return clusterLock;
    }

    /** Runs writes through several repositories as one transaction (a client change and its audit event). */
    public Transactions transactions() {
        return transactions;
    }

    /** Whether the database answers a trivial query within a few seconds; for a readiness probe. */
    public boolean isReachable() {
        if (dataSource.isClosed()) {
            return false;
        }
        try {
            return jdbi.withHandle(handle -> handle.createQuery("SELECT 1")
                    .setQueryTimeout(READINESS_TIMEOUT_SECONDS)
                    .mapTo(Integer.class)
                    .one()) == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Stops listening for cluster signals and closes the connection pool; the repositories throw
     * {@link StoreUnavailableException} from then on.
     */
    @Override
    public void close() {
        try {
            if (clusterSignals instanceof PostgresClusterSignals postgres) {
                postgres.close();
            }
        } finally {
            dataSource.close();
        }
    }

    static boolean isPostgres(String jdbcUrl) {
        return jdbcUrl.regionMatches(true, 0, POSTGRES_PREFIX, 0, POSTGRES_PREFIX.length());
    }

    /** The schema the tables were migrated into, which names the cluster signal channel. */
    private static String currentSchema(Jdbi jdbi) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT current_schema()")
                .mapTo(String.class)
                .findOne()
                .orElse(null));
    }

    /** The folder of an H2 file database's files, for a URL such as {@code jdbc:h2:file:./data/gatehouse}. */
    public static Optional<Path> h2FileParent(String jdbcUrl) {
        if (!jdbcUrl.regionMatches(true, 0, H2_PREFIX, 0, H2_PREFIX.length())) {
            return Optional.empty();
        }
        String name = jdbcUrl.substring(H2_PREFIX.length());
        int options = name.indexOf(';');
        if (options >= 0) {
            name = name.substring(0, options);
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith("file:")) {
            name = name.substring("file:".length());
        } else if (lower.matches("^[a-z]{2,}:.*")) {
            return Optional.empty(); // mem:, tcp:, ssl:, zip:, nio… : not a plain local file
        }
        if (name.isEmpty()) {
            return Optional.empty();
        }
        if (name.equals("~") || name.startsWith("~/") || name.startsWith("~\\")) {
            name = System.getProperty("user.home") + name.substring(1);
        }
        return Optional.ofNullable(Path.of(name).toAbsolutePath().normalize().getParent());
    }

    /** {@code jdbcUrl} with {@code ;WRITE_DELAY=0} unless it sets the write delay itself. */
    static String withDurableCommits(String jdbcUrl) {
        int options = jdbcUrl.indexOf(';');
        if (options >= 0 && jdbcUrl.substring(options).toUpperCase(Locale.ROOT).contains(";" + WRITE_DELAY + "=")) {
            return jdbcUrl;
        }
        return jdbcUrl + (jdbcUrl.endsWith(";") ? "" : ";") + WRITE_DELAY + "=0";
    }

    private static void createDirectories(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the database folder " + folder, e);
        }
    }
}
