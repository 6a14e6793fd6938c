package dev.gatehouse.application.shared.port.out;

import java.util.function.Supplier;

/**
 * Makes writes through several ports one unit: a change and its audit event are both kept, or neither is, even
 * when the server is killed between them.
 */
public interface Transactions {

    /** Runs {@code work}; every write it makes through the stores commits together when it returns, or not at all. */
    <T> T inTransaction(Supplier<T> work);

    /** For stores without transactions, such as the in-memory fakes: runs the work as it is. */
    Transactions NONE = new Transactions() {
        @Override
        public <T> T inTransaction(Supplier<T> work) {
            return work.get();
        }
    };
}
