package dev.gatehouse.application.cluster.port.out;

/** Runs a task on at most one server at a time, across every server sharing the database. */
public interface ClusterLock {

    /** Runs {@code task} if no other server holds the lock named {@code name}; returns whether it ran. */
    boolean tryRun(String name, Runnable task);
}
