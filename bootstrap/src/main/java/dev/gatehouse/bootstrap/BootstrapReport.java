package dev.gatehouse.bootstrap;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.application.workspace.port.in.BootstrapCredentials;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Shows the first start's credentials once: a marked block on stdout and, if asked, a JSON file that only
 * its owner can read (mode 0600, written atomically).
 */
final class BootstrapReport {

    private BootstrapReport() {}

    static void print(BootstrapCredentials credentials, PrintStream out) {
        String rule = "=".repeat(72);
        out.println(rule);
        out.println(" Gatehouse first start: a workspace and its owner were created.");
        out.println(" These credentials are shown ONCE. Store them now; only their hashes are kept.");
        out.println("   workspace_id: " + credentials.workspaceId().value());
        out.println("   user_id:      " + credentials.userId().value());
        out.println("   email:        " + credentials.email());
        out.println("   password:     " + credentials.password());
        out.println("   api_key:      " + credentials.apiKey().value());
        out.println(rule);
        out.flush();
    }

    static void write(BootstrapCredentials credentials, Path file) {
        Map<String, String> json = new LinkedHashMap<>();
        json.put("workspace_id", credentials.workspaceId().value());
        json.put("user_id", credentials.userId().value());
        json.put("email", credentials.email());
        json.put("password", credentials.password());
        json.put("api_key", credentials.apiKey().value());
        try {
            Path absolute = file.toAbsolutePath();
            Files.createDirectories(absolute.getParent());
            Path temp = Files.createTempFile(absolute.getParent(), ".bootstrap", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.write(temp, new ObjectMapper().writeValueAsBytes(json));
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the bootstrap file " + file, e);
        }
    }
}
