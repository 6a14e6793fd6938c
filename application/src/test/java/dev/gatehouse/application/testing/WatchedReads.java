package dev.gatehouse.application.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Watches one read of a port: counts its calls, and can run a task during the next one (after the read, before it
 * answers), as a change made on another thread while a read is under way would.
 */
public final class WatchedReads {

    private final AtomicInteger count = new AtomicInteger();
    private Runnable duringNextRead = () -> { };

    /** {@code real}, with each call of its method {@code read} counted and disturbed as set here. */
    public <T> T watch(Class<T> port, T real, String read) {
        return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, (proxy, method, args) -> {
            try {
                Object result = method.invoke(real, args);
                if (method.getName().equals(read)) {
                    count.incrementAndGet();
                    Runnable meanwhile = duringNextRead;
                    duringNextRead = () -> { };
                    meanwhile.run();
                }
                return result;
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }

    /** How many times the read was called. */
    public AtomicInteger count() {
        return count;
    }

    /** Runs {@code task} during the next read, once. */
    public void duringNextRead(Runnable task) {
        duringNextRead = task;
    }
}
