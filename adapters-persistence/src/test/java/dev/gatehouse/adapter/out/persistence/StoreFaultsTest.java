package dev.gatehouse.adapter.out.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.gatehouse.application.shared.StoreUnavailableException;
import dev.gatehouse.application.testing.TestData;
import dev.gatehouse.domain.workspace.Workspace;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestDatabases.CloseAfterEach.class)
class StoreFaultsTest {

    /** A port with one method, standing for any repository. */
    interface Lookup {
        String find(String key);
    }

    private final TestData data = new TestData();

    @Test
    void isUnavailableWhenTheCauseChainHoldsAConnectionFaultThenTrue() {
        assertThat(StoreFaults.isUnavailable(new ConnectionException(new SQLTransientConnectionException(
                "gatehouse - Connection is not available, request timed out after 2500ms")))).isTrue();
        assertThat(StoreFaults.isUnavailable(new IllegalStateException(new SQLException("I/O error", "08006")))).isTrue();
        assertThat(StoreFaults.isUnavailable(new SQLException("Connection is closed", "08003"))).isTrue();
        assertThat(StoreFaults.isUnavailable(new SQLException("terminating connection due to administrator command",
                "57P01"))).isTrue();
        assertThat(StoreFaults.isUnavailable(new SQLException("crash shutdown", "57P02"))).isTrue();
        assertThat(StoreFaults.isUnavailable(new SQLException("the database system is starting up", "57P03"))).isTrue();
        assertThat(StoreFaults.isUnavailable(new SQLNonTransientConnectionException("Database is already closed",
                "90121"))).isTrue();
        assertThat(StoreFaults.isUnavailable(new SQLException(new ConnectException("Connection refused")))).isTrue();
    }

    @Test
    void isUnavailableWhenTheStatementItselfFailedThenFalse() {
        assertThat(StoreFaults.isUnavailable(new SQLException("duplicate key", "23505"))).isFalse();
        assertThat(StoreFaults.isUnavailable(new SQLException("canceling statement due to statement timeout", "57014")))
                .isFalse();
        assertThat(StoreFaults.isUnavailable(new SQLException("no state"))).isFalse();
        assertThat(StoreFaults.isUnavailable(new IllegalStateException("not the owner"))).isFalse();
        assertThat(StoreFaults.isUnavailable(null)).isFalse();
    }

    @Test
    void isUnavailableWhenTheCauseChainLoopsThenStops() {
        RuntimeException first = new RuntimeException("first");
        RuntimeException second = new RuntimeException("second", first);
        first.initCause(second);

        assertThat(StoreFaults.isUnavailable(first)).isFalse();
    }

    @Test
    void translatingWhenTheCallSucceedsThenAnswersItsResult() {
        Lookup lookup = StoreFaults.translating(Lookup.class, key -> "value of " + key);

        assertThat(lookup.find("k")).isEqualTo("value of k");
    }

    @Test
    void translatingWhenTheDatabaseIsUnreachableThenThrowsStoreUnavailableWithTheFailureAsCause() {
        ConnectionException failure = new ConnectionException(new SQLTransientConnectionException("timed out"));
        Lookup lookup = StoreFaults.translating(Lookup.class, key -> {
            throw failure;
        });

        assertThatThrownBy(() -> lookup.find("k"))
                .isExactlyInstanceOf(StoreUnavailableException.class)
                .hasCause(failure);
    }

    @Test
    void translatingWhenAnyOtherFailureThenPassesTheSameExceptionThrough() {
        RuntimeException duplicate = new RuntimeException(new SQLException("duplicate key", "23505"));
        IllegalStateException rule = new IllegalStateException("not the owner");
        AtomicReference<RuntimeException> next = new AtomicReference<>();
        Lookup lookup = StoreFaults.translating(Lookup.class, key -> {
            throw next.get();
        });

        next.set(duplicate);
        assertThat(catchThrowable(() -> lookup.find("k"))).isSameAs(duplicate);
        next.set(rule);
        assertThat(catchThrowable(() -> lookup.find("k"))).isSameAs(rule);
    }

    @Test
    void translatingWhenAlreadyStoreUnavailableThenPassesItThroughUnwrapped() {
        StoreUnavailableException unavailable = new StoreUnavailableException("down", new SQLException("x", "08001"));
        Lookup lookup = StoreFaults.translating(Lookup.class, key -> {
            throw unavailable;
        });

        assertThat(catchThrowable(() -> lookup.find("k"))).isSameAs(unavailable);
    }

    @Test
    void translatingRefusesAClass() {
        assertThatThrownBy(() -> StoreFaults.translating(String.class, "not a port"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void repositoryWhenDuplicateKeyOnH2ThenTheJdbiExceptionPassesThroughUnchanged() {
        Database db = TestDatabases.h2().database();
        Workspace workspace = data.workspace();
        db.workspaces().add(workspace);

        Throwable thrown = catchThrowable(() -> db.workspaces().add(workspace));

        assertThat(thrown).isInstanceOf(UnableToExecuteStatementException.class)
                .isNotInstanceOf(StoreUnavailableException.class);
        assertThat(Sql.isUniqueViolation(thrown)).isTrue();
    }

    @Test
    void repositoryWhenDuplicateKeyOnPostgresThenTheJdbiExceptionPassesThroughUnchanged() {
        Database db = TestDatabases.postgres().database();
        Workspace workspace = data.workspace();
        db.workspaces().add(workspace);

        Throwable thrown = catchThrowable(() -> db.workspaces().add(workspace));

        assertThat(thrown).isInstanceOf(UnableToExecuteStatementException.class);
        assertThat(Sql.isUniqueViolation(thrown)).isTrue();
    }

    @Test
    void repositoryWhenTheH2DatabaseIsClosedThenThrowsStoreUnavailable() {
        Database db = TestDatabases.h2().database();
        Workspace workspace = data.workspace();
        db.workspaces().add(workspace);
        db.close();

        assertThatThrownBy(() -> db.workspaces().findById(workspace.id()))
                .isInstanceOf(StoreUnavailableException.class)
                .hasRootCauseInstanceOf(SQLException.class);
        assertThatThrownBy(() -> db.apiKeys().revokedSince(TestData.T0))
                .isInstanceOf(StoreUnavailableException.class);
    }
}
