package dev.gatehouse.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterKeysTest {

    private final SecureRandom random = new SecureRandom();

    @TempDir
    Path dir;

    private String base64(int bytes) {
        byte[] key = new byte[bytes];
        random.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @Test
    void theDefaultFileIsNextToAnH2FileDatabaseAndUnderDataForPostgres() {
        assertThat(MasterKeys.defaultFile("jdbc:h2:file:" + dir.resolve("db/gatehouse") + ";WRITE_DELAY=0"))
                .contains(dir.resolve("db/master.key"));
        assertThat(MasterKeys.defaultFile("jdbc:h2:file:./data/gatehouse")).contains(Path.of("data/master.key").toAbsolutePath());
        assertThat(MasterKeys.defaultFile("jdbc:postgresql://db:5432/gatehouse")).contains(Path.of("data", "master.key"));
        assertThat(MasterKeys.defaultFile("jdbc:h2:mem:test")).isEmpty();
    }

    @Test
    void aKeyInTheVariableIsUsedAndTheSameKeyGivesTheSameMasterKeyId() {
        String key = base64(32);
        MasterKeys.Resolved first = MasterKeys.resolve(MasterKeyConfig.ofKey(key), "jdbc:postgresql://x/y", true, false, random);
        MasterKeys.Resolved again = MasterKeys.resolve(MasterKeyConfig.ofKey(key), "jdbc:postgresql://x/y", true, false, random);

        assertThat(first.source()).isEqualTo("GATEHOUSE_MASTER_KEY");
        assertThat(first.sealer().masterKeyId()).isEqualTo(again.sealer().masterKeyId());
        assertThat(again.sealer().open(first.sealer().seal("x", "c"), "c")).isEqualTo("x");
    }

    @Test
    void aMalformedOrShortKeyIsRefusedWithoutShowingIt() {
        String shortKey = base64(16);
        assertThatThrownBy(() -> MasterKeys.resolve(MasterKeyConfig.ofKey(shortKey), "jdbc:h2:mem:x", false, true, random))
                .isInstanceOf(MasterKeyException.class)
                .hasMessageContaining("16 bytes")
                .hasMessageContaining("openssl rand -base64 32")
                .hasMessageNotContaining(shortKey);
        assertThatThrownBy(() -> MasterKeys.resolve(MasterKeyConfig.ofKey("not base64 at all!"), "jdbc:h2:mem:x", false, true, random))
                .isInstanceOf(MasterKeyException.class)
                .hasMessageContaining("not base64")
                .hasMessageNotContaining("not base64 at all!");
    }

    @Test
    void aKeyAndAKeyFileTogetherAreRefused() {
        MasterKeyConfig both = new MasterKeyConfig(Optional.of(base64(32)), Optional.of(dir.resolve("k")));
        assertThatThrownBy(() -> MasterKeys.resolve(both, "jdbc:h2:mem:x", false, true, random))
                .isInstanceOf(MasterKeyException.class).hasMessageContaining("not both");
    }

    @Test
    void noKeyFileIsGeneratedWhenGeneratingIsNotAllowed() {
        Path file = dir.resolve("missing.key");
        assertThatThrownBy(() -> MasterKeys.resolve(MasterKeyConfig.ofFile(file), "jdbc:postgresql://x/y", false, false, random))
                .isInstanceOf(MasterKeyException.class).hasMessageContaining("no master key");
        assertThat(file).doesNotExist();
    }

    @Test
    void twoProcessesGeneratingAtTheSameMomentEndUpWithOneKey() throws Exception {
        Path file = dir.resolve("data/master.key");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<String>> ids = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                ids.add(pool.submit(() -> {
                    start.await();
                    return MasterKeys.resolve(MasterKeyConfig.ofFile(file), "jdbc:postgresql://x/y", false, true, random)
                            .sealer().masterKeyId();
                }));
            }
            start.countDown();
            String first = ids.get(0).get(10, TimeUnit.SECONDS);
            for (Future<String> id : ids) {
                assertThat(id.get(10, TimeUnit.SECONDS)).isEqualTo(first);
            }
        } finally {
            pool.shutdownNow();
        }
        try (var files = Files.list(dir.resolve("data"))) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).as("no temporary file is left").containsExactly("master.key");
        }
    }
}
