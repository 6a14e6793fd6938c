package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.application.cluster.port.out.ClusterLock;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32;
import org.jdbi.v3.core.Jdbi;

/**
 * A cluster-wide lock: a PostgreSQL transaction-scoped advisory lock, held while the task runs, on
 * PostgreSQL; a lock of this process on H2, which only one process can open.
 */
final class JdbiClusterLock implements ClusterLock {

    private final Jdbi jdbi;
    private final boolean postgres;
    private final Map<String, ReentrantLock> local = new ConcurrentHashMap<>();

    JdbiClusterLock(Jdbi jdbi, boolean postgres) {
        this.jdbi = jdbi;
        this.postgres = postgres;
    }

    @Override
    public boolean tryRun(String name, Runnable task) {
        if (!postgres) {
            ReentrantLock lock = local.computeIfAbsent(name, n -> new ReentrantLock());
            if (!lock.tryLock()) {
                return false;
            }
            try {
                task.run();
                return true;
            } finally {
                lock.unlock();
            }
        }
        return jdbi.inTransaction(handle -> {
            boolean locked = handle.createQuery("SELECT pg_try_advisory_xact_lock(:key)")
                    .bind("key", key(name))
                    .mapTo(Boolean.class)
                    .one();
            if (locked) {
                task.run();
            }
            return locked;
        });
    }

    private static long key(String name) {
        CRC32 crc = new CRC32();
        crc.update(name.getBytes(StandardCharsets.UTF_8));
        return 0x6761746500000000L | crc.getValue();
    }
}
