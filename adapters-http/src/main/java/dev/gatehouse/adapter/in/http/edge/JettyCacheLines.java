package dev.gatehouse.adapter.in.http.edge;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/**
 * Tells Jetty how many object references fill a CPU cache line, which it uses to pad its busiest queues. Left to
 * itself, Jetty asks the platform MBean server whether the JVM compresses its references: starting that server
 * registers every platform MXBean and loads several hundred classes, a noticeable part of the server's start, and
 * nothing else in Gatehouse uses it. {@link #preset()} finds the same answer through the one MXBean it needs and
 * hands it to Jetty as its {@value #PROPERTY} property, with Jetty's own rule: a quarter of the cache line's bytes
 * with compressed references, an eighth without.
 */
public final class JettyCacheLines {

    static final String PROPERTY = "org.eclipse.jetty.util.referencesPerCacheLine";
    private static final String CACHE_LINE_PROPERTY = "org.eclipse.jetty.util.cacheLineBytes";
    private static final int DEFAULT_CACHE_LINE_BYTES = 64;

    private JettyCacheLines() {}

    /** Sets {@value #PROPERTY} unless it is set already; must run before Jetty's first thread pool or queue is made. */
    public static void preset() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, Integer.toString(referencesPerCacheLine(cacheLineBytes(), compressedReferences())));
        }
    }

    static int referencesPerCacheLine(int cacheLineBytes, boolean compressedReferences) {
        return compressedReferences ? cacheLineBytes >> 2 : cacheLineBytes >> 3;
    }

    private static int cacheLineBytes() {
        try {
            return Integer.parseInt(System.getProperty(CACHE_LINE_PROPERTY, String.valueOf(DEFAULT_CACHE_LINE_BYTES)));
        } catch (NumberFormatException e) {
            return DEFAULT_CACHE_LINE_BYTES;
        }
    }

    /** Whether the JVM compresses its references; true, as Jetty assumes, when it cannot tell. */
    private static boolean compressedReferences() {
        try {
            HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return hotSpot == null || Boolean.parseBoolean(hotSpot.getVMOption("UseCompressedOops").getValue());
        } catch (RuntimeException e) {
            return true;
        }
    }
}
