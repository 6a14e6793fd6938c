package dev.gatehouse.bench;

import dev.gatehouse.domain.scope.Scope;
import dev.gatehouse.domain.scope.ScopeCatalog;
import dev.gatehouse.domain.scope.ScopeSet;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Scope matching: the check of every OAuth-authorized request, and the narrowing at the token endpoint. */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class ScopeBenchmarks {

    private final ScopeSet held = ScopeSet.of("connect:projects:read", "connect:accounts:*", "workspace:read", "sources:*");
    private final Scope needed = new Scope("sources:read");
    private final ScopeSet requested = ScopeSet.of("workspace:read", "sources:write");
    private final ScopeCatalog catalog = ScopeCatalog.standard();

    /** Does the token's scope grant what the endpoint needs (a {@code prefix:*} match). */
    @org.openjdk.jmh.annotations.Benchmark
    public boolean grants() {
        return held.grants(needed);
    }

    /** Token endpoint narrowing: parse the parameter, check the catalogue, check the client's grant. */
    @org.openjdk.jmh.annotations.Benchmark
    public boolean parseAndNarrow() {
        ScopeSet parsed = ScopeSet.parse("workspace:read sources:write");
        return catalog.unknown(parsed).isEmpty() && held.notGranted(parsed).isEmpty();
    }

    /** Covering a whole set, as the client rules do. */
    @org.openjdk.jmh.annotations.Benchmark
    public boolean covers() {
        return held.covers(requested);
    }
}
