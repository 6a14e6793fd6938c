package dev.gatehouse.application.workspace.port.out;

/** Hashes console passwords with a slow, salted function; the encoded form carries its own parameters. */
public interface PasswordHasher {

    String hash(String password);

    boolean matches(String password, String encodedHash);
}
