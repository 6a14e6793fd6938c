package dev.gatehouse.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The classes {@code serve} loads ahead of its start: a current list, loaded without running any initialiser. */
class StartupWarmUpTest {

    /** Set by {@link Initialised}'s static initialiser. */
    static final AtomicBoolean INITIALISED = new AtomicBoolean();

    static final class Initialised {
        static {
            INITIALISED.set(true);
        }

        private Initialised() {}
    }

    @Test
    void everyListedClassOfTheServerAndItsLibrariesIsOnTheClassPath() throws Exception {
        // The JDK's own classes differ between JDK builds; the rest must match the dependencies the list was made with.
        List<String> ours = StartupWarmUp.listed().stream()
                .filter(name -> !name.matches("(java|javax|jdk|sun|com\\.sun)\\..*"))
                .toList();
        ClassLoader loader = StartupWarmUp.class.getClassLoader();

        assertThat(ours).hasSizeGreaterThan(1000)
                .contains("io.javalin.Javalin", "org.h2.Driver", "dev.gatehouse.adapter.out.persistence.SchemaHistory")
                // the list is what a restart loads, and a restart on an up-to-date database does not start Flyway
                .noneMatch(name -> name.startsWith("org.flywaydb."));
        for (String name : ours) {
            assertThat(Class.forName(name, false, loader)).as(name + ": run scripts/startup-classes.sh").isNotNull();
        }
    }

    @Test
    void classesAreLoadedWithoutRunningTheirInitialisersAndUnknownNamesAreSkipped() throws Exception {
        ClassLoader loader = StartupWarmUpTest.class.getClassLoader();
        int loaded = StartupWarmUp.load(List.of("dev.gatehouse.NoSuchClass", Initialised.class.getName()), loader,
                CompletableFuture.completedFuture("jdbc:h2:mem:test"));

        assertThat(loaded).isEqualTo(1);
        assertThat(INITIALISED).isFalse();
        Class.forName(Initialised.class.getName(), true, loader);
        assertThat(INITIALISED).isTrue();
    }

    @Test
    void h2ClassesAreLoadedOnlyForAnH2Database() {
        ClassLoader loader = StartupWarmUpTest.class.getClassLoader();
        List<String> names = List.of("org.h2.Driver", "org.h2.engine.Engine", "java.lang.String");

        assertThat(StartupWarmUp.load(names, loader, CompletableFuture.completedFuture("jdbc:h2:file:./data/gatehouse"))).isEqualTo(3);
        assertThat(StartupWarmUp.load(names, loader, CompletableFuture.completedFuture("jdbc:postgresql://db/gatehouse"))).isEqualTo(1);
    }
}
