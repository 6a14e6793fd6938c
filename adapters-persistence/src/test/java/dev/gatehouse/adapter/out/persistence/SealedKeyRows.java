package dev.gatehouse.adapter.out.persistence;

import org.jdbi.v3.core.Jdbi;

/** Direct access to the {@code signing_keys} columns, for tests of what is kept at rest. */
final class SealedKeyRows {

    private SealedKeyRows() {}

    /** The sealed private key of {@code kid}; fails when the row holds its key in plaintext. */
    static String sealed(Jdbi jdbi, String kid) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT sealed_private_jwk FROM signing_keys WHERE kid = :kid AND private_jwk IS NULL")
                .bind("kid", kid)
                .mapTo(String.class)
                .one());
    }

    static void replace(Jdbi jdbi, String kid, String sealed) {
        jdbi.useHandle(handle -> handle.createUpdate("UPDATE signing_keys SET sealed_private_jwk = :sealed WHERE kid = :kid")
                .bind("sealed", sealed)
                .bind("kid", kid)
                .execute());
    }
}
