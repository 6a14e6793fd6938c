package dev.gatehouse.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliConfigTest {

    @TempDir
    Path dir;

    @Test
    void profilesAreSectionsAndUnknownLinesAreKept() throws Exception {
        Path file = dir.resolve("gatehouse/config");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "# mine\ncolor = blue\n\n[other]\nx = 1\n");
        CliConfig config = CliConfig.load(file);
        config.set("default", "api_key", "k1");
        config.set("second", "api_key", "k2");
        config.set("second", "base_url", "http://b");
        config.save();

        String text = Files.readString(file);
        assertThat(text).contains("# mine", "color = blue", "[other]", "x = 1", "api_key = k1", "[profile second]");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        CliConfig again = CliConfig.load(file);
        assertThat(again.get("default", "api_key")).contains("k1");
        assertThat(again.get("second", "api_key")).contains("k2");
        assertThat(again.get("second", "base_url")).contains("http://b");
        assertThat(again.get("other", "x")).isEmpty();

        assertThat(again.remove("second", "api_key")).isTrue();
        again.save();
        assertThat(CliConfig.load(file).get("second", "api_key")).isEmpty();
        assertThat(CliConfig.load(file).get("default", "api_key")).contains("k1");
    }
}
