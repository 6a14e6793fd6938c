package dev.gatehouse.application.testing;

import dev.gatehouse.application.workspace.port.out.PasswordHasher;
import dev.gatehouse.domain.credential.SecretHash;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** A fast, unsalted stand-in for the slow password hash: {@code fake:<sha-256 hex>}. */
public final class FakePasswordHasher implements PasswordHasher {

    @Override
    public String hash(String password) {
        return "fake:" + SecretHash.of(password).hex();
    }

    @Override
    public boolean matches(String password, String encodedHash) {
        return MessageDigest.isEqual(
                hash(password).getBytes(StandardCharsets.UTF_8), encodedHash.getBytes(StandardCharsets.UTF_8));
    }
}
