package dev.gatehouse.bootstrap.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The CLI's INI config: top-level {@code key = value} lines are the default profile, {@code [profile NAME]}
 * sections the others. Unknown lines are kept as they are.
 */
public final class CliConfig {

    /** System property that overrides {@code $XDG_CONFIG_HOME} (tests cannot set environment variables). */
    public static final String CONFIG_HOME_PROPERTY = "gatehouse.config.home";
    public static final String DEFAULT_PROFILE = "default";

    private final Path file;
    private final List<String> lines;

    private CliConfig(Path file, List<String> lines) {
        this.file = file;
        this.lines = lines;
    }

    /** {@code $XDG_CONFIG_HOME/gatehouse/config}, else {@code ~/.config/gatehouse/config}. */
    public static Path location() {
        String home = System.getProperty(CONFIG_HOME_PROPERTY);
        if (home == null || home.isBlank()) {
            home = System.getenv("XDG_CONFIG_HOME");
        }
        Path base = home == null || home.isBlank() ? Path.of(System.getProperty("user.home"), ".config") : Path.of(home);
        return base.resolve("gatehouse").resolve("config");
    }

    public static CliConfig load() {
        return load(location());
    }

    public static CliConfig load(Path file) {
        try {
            List<String> lines = Files.exists(file) ? new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8)) : new ArrayList<>();
            return new CliConfig(file, lines);
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + e.getMessage());
        }
    }

    public Path file() {
        return file;
    }

    private static String sectionOf(String line) {
        String t = line.trim();
        if (!t.startsWith("[") || !t.endsWith("]")) {
            return null;
        }
        String inner = t.substring(1, t.length() - 1).trim();
        if (inner.startsWith("profile ")) {
            return inner.substring("profile ".length()).trim();
        }
        return inner.equals(DEFAULT_PROFILE) ? DEFAULT_PROFILE : "\u0000" + inner;
    }

    /** [start, end) of the profile's key lines, or null when it has no section. */
    private int[] range(String profile) {
        if (DEFAULT_PROFILE.equals(profile)) {
            int end = 0;
            while (end < lines.size() && sectionOf(lines.get(end)) == null) {
                end++;
            }
            return new int[] {0, end};
        }
        for (int i = 0; i < lines.size(); i++) {
            if (profile.equals(sectionOf(lines.get(i)))) {
                int end = i + 1;
                while (end < lines.size() && sectionOf(lines.get(end)) == null) {
                    end++;
                }
                return new int[] {i + 1, end};
            }
        }
        return null;
    }

    private static String keyOf(String line) {
        String t = line.trim();
        if (t.startsWith("#") || t.startsWith(";")) {
            return null;
        }
        int eq = t.indexOf('=');
        return eq < 0 ? null : t.substring(0, eq).trim();
    }

    public Optional<String> get(String profile, String key) {
        int[] r = range(profile);
        if (r == null) {
            return Optional.empty();
        }
        for (int i = r[0]; i < r[1]; i++) {
            String line = lines.get(i);
            if (key.equals(keyOf(line))) {
                String value = line.substring(line.indexOf('=') + 1).trim();
                return value.isEmpty() ? Optional.empty() : Optional.of(value);
            }
        }
        return Optional.empty();
    }

    public void set(String profile, String key, String value) {
        int[] r = range(profile);
        if (r == null) {
            if (!lines.isEmpty() && !lines.get(lines.size() - 1).isBlank()) {
                lines.add("");
            }
            lines.add("[profile " + profile + "]");
            lines.add(key + " = " + value);
            return;
        }
        for (int i = r[0]; i < r[1]; i++) {
            if (key.equals(keyOf(lines.get(i)))) {
                lines.set(i, key + " = " + value);
                return;
            }
        }
        int at = r[1];
        while (at > r[0] && lines.get(at - 1).isBlank()) {
            at--;
        }
        lines.add(at, key + " = " + value);
    }

    public boolean remove(String profile, String key) {
        int[] r = range(profile);
        if (r == null) {
            return false;
        }
        for (int i = r[0]; i < r[1]; i++) {
            if (key.equals(keyOf(lines.get(i)))) {
                lines.remove(i);
                return true;
            }
        }
        return false;
    }

    /** Writes the file atomically with mode 0600, in a directory made with mode 0700. */
    public void save() {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (!Files.isDirectory(dir)) {
                if (posix) {
                    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } else {
                    Files.createDirectories(dir);
                }
            }
            Path tmp = posix
                    ? Files.createTempFile(dir, ".config", ".tmp", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(dir, ".config", ".tmp");
            try {
                Files.write(tmp, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
            if (posix) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
        } catch (IOException e) {
            throw new CliException("cannot write " + file + ": " + e.getMessage());
        }
    }
}
