package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.application.token.port.out.SecretSealer;
import dev.gatehouse.application.token.port.out.UnreadableSecretException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@link SecretSealer} of the master key: AES-256-GCM (javax.crypto) with a random 96-bit nonce for every
 * seal, a 128-bit tag, and the context (such as the key id) as associated data. A sealed value is text:
 *
 * <pre>v1.&lt;master key id&gt;.&lt;nonce, base64url&gt;.&lt;ciphertext and tag, base64url&gt;</pre>
 *
 * <p>The master key id is the first 9 bytes of SHA-256 over a fixed label and the key, in base64url: it tells
 * which master key sealed a value, so that a wrong key is reported as such, and reveals nothing of the key.
 * {@link #toString()} shows only that id.
 */
public final class AesGcmSecretSealer implements SecretSealer {

    /** The length of a master key: 32 bytes, for AES-256. */
    public static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String FORMAT = "v1";
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final String keyId;
    private final SecureRandom random;

    /** A sealer of the 32-byte {@code masterKey}; the array is copied, and may be cleared by the caller. */
    public AesGcmSecretSealer(byte[] masterKey, SecureRandom random) {
        Objects.requireNonNull(masterKey, "masterKey");
        if (masterKey.length != KEY_BYTES) {
            throw new IllegalArgumentException("a master key is " + KEY_BYTES + " bytes, not " + masterKey.length);
        }
        this.key = new SecretKeySpec(masterKey.clone(), "AES");
        this.keyId = keyId(masterKey);
        this.random = Objects.requireNonNull(random, "random");
    }

    /** A sealer of a random master key, for tests and in-memory databases. */
    public static AesGcmSecretSealer random(SecureRandom random) {
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        try {
            return new AesGcmSecretSealer(key, random);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    @Override
    public String seal(String plaintext, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return FORMAT + "." + keyId + "." + ENCODER.encodeToString(nonce) + "." + ENCODER.encodeToString(sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available: " + e.getMessage(), e);
        }
    }

    @Override
    public String open(String sealed, String context) {
        String[] parts = sealed.split("\\.", -1);
        if (parts.length != 4 || !parts[0].equals(FORMAT)) {
            throw new UnreadableSecretException("the secret for " + context + " is not a sealed value of format " + FORMAT);
        }
        if (!parts[1].equals(keyId)) {
            throw new UnreadableSecretException("the secret for " + context + " was sealed under another master key (id "
                    + parts[1] + "), not this one (id " + keyId + ")", true);
        }
        byte[] nonce;
        byte[] ciphertext;
        try {
            nonce = DECODER.decode(parts[2]);
            ciphertext = DECODER.decode(parts[3]);
        } catch (IllegalArgumentException e) {
            throw new UnreadableSecretException("the secret for " + context + " is corrupt: it is not base64url");
        }
        if (nonce.length != NONCE_BYTES) {
            throw new UnreadableSecretException("the secret for " + context + " is corrupt: its nonce is not " + NONCE_BYTES + " bytes");
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(ciphertext), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new UnreadableSecretException("the secret for " + context + " failed its integrity check: it was changed,"
                    + " or belongs to another key id");
        } catch (GeneralSecurityException e) {
            throw new UnreadableSecretException("the secret for " + context + " cannot be opened: " + e.getMessage());
        }
    }

    @Override
    public String masterKeyId() {
        return keyId;
    }

    @Override
    public String toString() {
        return "AesGcmSecretSealer[master key id " + keyId + "]";
    }

    private static String keyId(byte[] masterKey) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update("gatehouse master key id\n".getBytes(StandardCharsets.UTF_8));
            byte[] digest = sha256.digest(masterKey);
            return ENCODER.encodeToString(Arrays.copyOf(digest, 9));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
