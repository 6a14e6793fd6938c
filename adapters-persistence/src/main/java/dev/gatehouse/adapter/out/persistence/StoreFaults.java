package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.application.shared.StoreUnavailableException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Objects;
import java.util.Set;
import org.jdbi.v3.core.ConnectionException;

/**
 * Tells a database that cannot be reached from any other failure, at the one place where the repositories
 * meet their callers: {@link #translating} wraps a repository so that a call failing because the database is
 * unreachable throws {@link StoreUnavailableException} (which the HTTP adapter answers with 503), while every
 * other failure (a unique violation, a domain rule) passes through as the repository threw it.
 *
 * <p>A failure counts as "unreachable" when anything in its cause chain is:
 * <ul>
 *   <li>JDBI's {@link ConnectionException}: no connection could be obtained at all (refused, pool closed);</li>
 *   <li>a {@link SQLTransientConnectionException} (HikariCP's pool timeout), {@link SQLNonTransientConnectionException}
 *       (H2's broken or closed database) or {@link SQLRecoverableException};</li>
 *   <li>an {@link SQLException} whose SQLSTATE is of class {@code 08} (connection exception) or one of
 *       {@code 57P01}, {@code 57P02}, {@code 57P03} (PostgreSQL shutting down, crashed, or not yet accepting
 *       connections: also what a backend killed by {@code pg_terminate_backend} reports);</li>
 *   <li>a {@link ConnectException}.</li>
 * </ul>
 * HikariCP evicts a connection that failed so, and opens fresh ones once the database answers again.
 */
final class StoreFaults {

    private static final String CONNECTION_EXCEPTION_CLASS = "08";
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03");

    private StoreFaults() {}

    /** {@code repository} behind {@code port}, its unreachable-database failures turned into {@link StoreUnavailableException}. */
    static <T> T translating(Class<T> port, T repository) {
        Objects.requireNonNull(repository, "repository");
        if (!port.isInterface()) {
            throw new IllegalArgumentException(port.getName() + " is not an interface");
        }
        InvocationHandler handler = (proxy, method, args) -> {
            try {
                return method.invoke(repository, args);
            } catch (InvocationTargetException e) {
                Throwable failure = e.getCause();
                if (isUnavailable(failure) && !(failure instanceof StoreUnavailableException)) {
                    throw new StoreUnavailableException("the database cannot be reached", failure);
                }
                throw failure;
            }
        };
        return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, handler));
    }

    /** Whether {@code failure} says that the database cannot be reached, rather than that the statement failed. */
    static boolean isUnavailable(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof StoreUnavailableException
                    || t instanceof ConnectionException
                    || t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException
                    || t instanceof ConnectException
                    || t instanceof SQLException sql && isUnavailableState(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isUnavailableState(String sqlState) {
        return sqlState != null
                && (sqlState.startsWith(CONNECTION_EXCEPTION_CLASS) || UNAVAILABLE_STATES.contains(sqlState));
    }
}
