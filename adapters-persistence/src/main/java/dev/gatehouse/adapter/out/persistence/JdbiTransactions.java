package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.application.shared.port.out.Transactions;
import java.util.Objects;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;

/**
 * {@link Transactions} over one JDBC transaction. The repositories open their handles with
 * {@code jdbi.withHandle}, and JDBI hands a thread the handle it already holds: every repository call that the
 * work makes on this thread runs in this transaction, which commits when the work returns and rolls back when it
 * throws.
 */
final class JdbiTransactions implements Transactions {

    private final Jdbi jdbi;

    JdbiTransactions(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return jdbi.inTransaction(handle -> work.get());
    }
}
