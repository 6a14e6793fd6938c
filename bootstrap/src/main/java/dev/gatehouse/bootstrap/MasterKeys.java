package dev.gatehouse.bootstrap;

import dev.gatehouse.adapter.out.persistence.AesGcmSecretSealer;
import dev.gatehouse.adapter.out.persistence.Database;
import dev.gatehouse.application.token.port.out.SigningKeyRepository;
import dev.gatehouse.application.token.port.out.UnreadableSecretException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the master key that seals the signing keys, by one rule for the server and the command line:
 *
 * <ol>
 *   <li>{@code GATEHOUSE_MASTER_KEY}, the base64 of 32 bytes, if set (a key file as well is refused);</li>
 *   <li>else the key file of {@code --master-key-file} / {@code GATEHOUSE_MASTER_KEY_FILE};</li>
 *   <li>else the default file: {@code master.key} next to an H2 file database ({@code ./data/master.key} for the
 *       default database), or {@code ./data/master.key} below the working directory for PostgreSQL. An H2
 *       in-memory database, which is gone when the process ends, gets a key for this process only.</li>
 * </ol>
 *
 * When the file does not exist, a new key is generated into it (mode 0600, with a warning that never shows the
 * key) only if the database has no master key yet. A database whose keys are already sealed is never given a
 * new key: the server refuses to start instead. Then the database checks that the key is its own.
 */
final class MasterKeys {

    static final String FILE_NAME = "master.key";
    static final String KEY_VARIABLE = "GATEHOUSE_MASTER_KEY";
    static final String FILE_VARIABLE = "GATEHOUSE_MASTER_KEY_FILE";
    private static final Logger LOG = LoggerFactory.getLogger(MasterKeys.class);
    private static final String SAME_KEY = "Every server on one database needs the same master key: set " + KEY_VARIABLE
            + ", or --master-key-file (" + FILE_VARIABLE + "), to the key the database was first opened with";

    private MasterKeys() {}

    /** The key, and where it came from, for messages. */
    record Resolved(AesGcmSecretSealer sealer, String source) {}

    /**
     * Opens the signing keys of {@code database} with the master key of {@code config}; may generate the key
     * file on a database that has none yet when {@code mayGenerate}.
     *
     * @throws MasterKeyException with a message for the operator when there is no usable key, or it is not the
     *         database's, or a stored key cannot be opened
     */
    static SigningKeyRepository openSigningKeys(Database database, MasterKeyConfig config, String dbUrl, boolean mayGenerate,
                                                SecureRandom random) {
        Resolved key = resolve(config, dbUrl, database.hasMasterKey(), mayGenerate, random);
        try {
            SigningKeyRepository keys = database.signingKeys(key.sealer());
            keys.findAll();
            return keys;
        } catch (UnreadableSecretException e) {
            throw new MasterKeyException(e.getMessage() + ". The master key came from " + key.source() + ". " + (e.wrongMasterKey()
                    ? SAME_KEY + "."
                    : "The stored value was changed or is corrupt: restore the signing_keys table from a backup."));
        }
    }

    static Resolved resolve(MasterKeyConfig config, String dbUrl, boolean databaseHasMasterKey, boolean mayGenerate,
                            SecureRandom random) {
        if (config.base64Key().isPresent()) {
            if (config.keyFile().isPresent()) {
                throw new MasterKeyException("give the master key either in " + KEY_VARIABLE + " or in a key file (--master-key-file, "
                        + FILE_VARIABLE + "), not both");
            }
            return new Resolved(sealer(config.base64Key().get(), KEY_VARIABLE, random), KEY_VARIABLE);
        }
        Optional<Path> file = config.keyFile().or(() -> defaultFile(dbUrl));
        if (file.isEmpty()) {
            LOG.info("in-memory database: its signing keys are sealed under a master key that lives only as long as this process");
            return new Resolved(AesGcmSecretSealer.random(random), "a key made for this in-memory database");
        }
        Path path = file.get().toAbsolutePath().normalize();
        if (!Files.exists(path)) {
            if (databaseHasMasterKey || !mayGenerate) {
                throw new MasterKeyException("no master key: " + KEY_VARIABLE + " is not set and the key file " + path
                        + " does not exist" + (databaseHasMasterKey ? ", but this database's signing keys are sealed under a master key."
                        + " A new key is generated only for a new database. " + SAME_KEY : ""));
            }
            generate(path, random);
        }
        return new Resolved(sealer(read(path), "the key file " + path, random), "the key file " + path);
    }

    /** The default key file for {@code dbUrl}; empty for an H2 in-memory database. */
    static Optional<Path> defaultFile(String dbUrl) {
        String lower = dbUrl.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:h2:mem:")) {
            return Optional.empty();
        }
        return Optional.of(Database.h2FileParent(dbUrl).map(folder -> folder.resolve(FILE_NAME))
                .orElse(Path.of("data", FILE_NAME)));
    }

    private static AesGcmSecretSealer sealer(String base64, String source, SecureRandom random) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            try {
                key = Base64.getUrlDecoder().decode(base64.strip());
            } catch (IllegalArgumentException notUrl) {
                throw new MasterKeyException("the master key in " + source + " is not base64 (make one with: openssl rand -base64 32)");
            }
        }
        try {
            if (key.length != AesGcmSecretSealer.KEY_BYTES) {
                throw new MasterKeyException("the master key in " + source + " is " + key.length + " bytes; it must be the base64 of "
                        + AesGcmSecretSealer.KEY_BYTES + " bytes (make one with: openssl rand -base64 32)");
            }
            return new AesGcmSecretSealer(key, random);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static String read(Path path) {
        try {
            warnIfOthersCanRead(path);
            return Files.readString(path, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new MasterKeyException("cannot read the master key file " + path + ": " + e.getMessage());
        }
    }

    private static void warnIfOthersCanRead(Path path) throws IOException {
        if (!Files.getFileStore(path).supportsFileAttributeView("posix")) {
            return;
        }
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(path);
        if (mode.stream().anyMatch(p -> p.name().startsWith("GROUP_") || p.name().startsWith("OTHERS_"))) {
            LOG.warn("the master key file {} can be read by other users (mode {}): chmod 600 it", path, PosixFilePermissions.toString(mode));
        }
    }

    /**
     * Writes a new random key to {@code path}, mode 0600. The file appears whole or not at all (a hard link to a
     * finished temporary file): of two servers that generate at the same moment, the second uses the first's key.
     */
    static void generate(Path path, SecureRandom random) {
        byte[] key = new byte[AesGcmSecretSealer.KEY_BYTES];
        random.nextBytes(key);
        byte[] text = (Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII);
        Arrays.fill(key, (byte) 0);
        Path folder = path.getParent();
        Path temporary = null;
        try {
            Files.createDirectories(folder);
            boolean posix = Files.getFileStore(folder).supportsFileAttributeView("posix");
            temporary = posix
                    ? Files.createTempFile(folder, ".master.key.", ".tmp", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(folder, ".master.key.", ".tmp");
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(text));
                channel.force(true);
            }
            try {
                Files.createLink(path, temporary);
            } catch (FileAlreadyExistsException e) {
                LOG.info("another process created the master key file {} at the same moment; using its key", path);
                return;
            } catch (UnsupportedOperationException e) {
                Files.move(temporary, path);
            }
            LOG.warn("generated a new master key in {} (mode 0600): the signing keys are sealed under it. Back it up; without it they"
                    + " cannot be read. Servers that share this database need the same key ({} or --master-key-file)", path, KEY_VARIABLE);
        } catch (IOException e) {
            throw new MasterKeyException("cannot write a new master key file " + path + ": " + e.getMessage());
        } finally {
            Arrays.fill(text, (byte) 0);
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // a leftover temporary file of mode 0600 in the key's own folder
                }
            }
        }
    }
}
