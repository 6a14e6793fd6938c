package dev.gatehouse.bench;

import dev.gatehouse.adapter.out.persistence.Database;
import dev.gatehouse.application.testing.TestData;
import dev.gatehouse.domain.apikey.ApiKey;
import dev.gatehouse.domain.workspace.Membership;
import dev.gatehouse.domain.workspace.Role;
import dev.gatehouse.domain.workspace.User;
import dev.gatehouse.domain.workspace.Workspace;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Fills a Gatehouse database (stopped server) with {@code n} OAuth clients and {@code n} users, each with
 * its API key, through the real repositories, so that the rows, hashes and indexes are those the API
 * would write. It skips only the HTTP round trip and the audit event of each creation. Seeded secrets and
 * keys are random and thrown away: the load test uses credentials it creates over the API.
 *
 * <p>Usage: {@code java -cp bench/target/benchmarks.jar dev.gatehouse.bench.Seed JDBC_URL N [THREADS]}
 */
public final class Seed {

    private Seed() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: Seed JDBC_URL N [THREADS]");
            System.exit(2);
        }
        String url = args[0];
        int n = Integer.parseInt(args[1]);
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        long started = System.nanoTime();
        try (Database database = Database.open(url, "", "", threads + 2)) {
            Instant now = Clock.systemUTC().instant();
            TestData data = new TestData(new SplittableRandom(System.nanoTime()));
            Workspace workspace = data.workspace(now);
            database.workspaces().add(workspace);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int from = t * n / threads;
                int to = (t + 1) * n / threads;
                long seed = System.nanoTime() + t;
                done.add(pool.submit(() -> {
                    TestData mine = new TestData(new SplittableRandom(seed));
                    for (int i = from; i < to; i++) {
                        database.clients().add(mine.registration(workspace.id(), now, "workspace:read").client());
                        User user = mine.user(mine.freshEmail(), now);
                        ApiKey.Issued key = mine.apiKey(user.id(), now);
                        database.workspaces().addMemberWithNewUser(user, key.key(),
                                new Membership(workspace.id(), user.id(), Role.MEMBER));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
        }
        System.out.printf("seeded %d clients and %d API keys in %.1f s%n", n, n, (System.nanoTime() - started) / 1e9);
    }
}
