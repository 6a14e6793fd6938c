package dev.gatehouse.bootstrap;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** The settings of {@code gatehouse serve} (contract §1), after flags and environment variables are merged. */
public record ServerConfig(
        String host,
        int port,
        String dbUrl,
        String dbUser,
        String dbPassword,
        Optional<String> issuer,
        Optional<Path> bootstrapFile,
        Duration tokenTtl,
        boolean tokenReuse) {

    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dbUrl, "dbUrl");
        Objects.requireNonNull(dbUser, "dbUser");
        Objects.requireNonNull(dbPassword, "dbPassword");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(bootstrapFile, "bootstrapFile");
        Objects.requireNonNull(tokenTtl, "tokenTtl");
    }

    @Override
    public String toString() {
        return "ServerConfig[" + host + ":" + port + ", " + dbUrl + ", issuer=" + issuer.orElse("(default)")
                + ", ttl=" + tokenTtl.toSeconds() + "s, db password redacted]";
    }
}
