package dev.gatehouse.application.token.port.out;

/**
 * Seals secrets kept at rest (signing private keys) under the installation's master key, so that a copy of
 * the database alone reveals none of them. Sealing binds a {@code context}, such as the key id, as associated
 * data: a sealed value opens only under the same master key and the same context, and any change to it is
 * detected.
 */
public interface SecretSealer {

    /** {@code plaintext} sealed under the master key and bound to {@code context}; a fresh nonce each call. */
    String seal(String plaintext, String context);

    /**
     * The plaintext of a value {@link #seal sealed} with {@code context}.
     *
     * @throws UnreadableSecretException when the value was sealed under another master key or another context,
     *         was changed, or is not a sealed value at all
     */
    String open(String sealed, String context);

    /** A short, public id of the master key (not the key, nor enough to find it), for messages to operators. */
    String masterKeyId();
}
