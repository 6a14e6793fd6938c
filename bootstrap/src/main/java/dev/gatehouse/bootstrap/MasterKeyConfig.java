package dev.gatehouse.bootstrap;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the master key comes from: {@code GATEHOUSE_MASTER_KEY} (the base64 of 32 bytes), a key file
 * ({@code --master-key-file}, {@code GATEHOUSE_MASTER_KEY_FILE}), or neither, when {@link MasterKeys} takes
 * the default file. {@link #toString()} never shows the key.
 */
public record MasterKeyConfig(Optional<String> base64Key, Optional<Path> keyFile) {

    /** No key given: the default file, generated on a new database. */
    public static final MasterKeyConfig DEFAULT = new MasterKeyConfig(Optional.empty(), Optional.empty());

    public MasterKeyConfig {
        Objects.requireNonNull(base64Key, "base64Key");
        Objects.requireNonNull(keyFile, "keyFile");
    }

    public static MasterKeyConfig ofKey(String base64) {
        return new MasterKeyConfig(Optional.of(base64), Optional.empty());
    }

    public static MasterKeyConfig ofFile(Path file) {
        return new MasterKeyConfig(Optional.empty(), Optional.of(file));
    }

    /** From a {@code GATEHOUSE_MASTER_KEY} value and a key file option, either of which may be empty. */
    static MasterKeyConfig of(String base64Key, String keyFile) {
        return new MasterKeyConfig(
                base64Key == null || base64Key.isBlank() ? Optional.empty() : Optional.of(base64Key.strip()),
                keyFile == null || keyFile.isBlank() ? Optional.empty() : Optional.of(Path.of(keyFile)));
    }

    @Override
    public String toString() {
        return "MasterKeyConfig[" + (base64Key.isPresent() ? "key given, redacted" : keyFile.map(f -> "file " + f).orElse("default file"))
                + "]";
    }
}
