package dev.gatehouse.adapter.out.jose;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.conscrypt.Conscrypt;

/**
 * The JCA provider that computes RS256 signatures. The JDK's provider is always there. Conscrypt (Google's
 * provider over BoringSSL, through JNI) signs with a 2048-bit key about 1.6 to 1.9 times as fast on x86-64
 * (docs/performance.md, "RS256 signatures with Conscrypt"), and the signature is most of a new token's cost.
 *
 * <p>Conscrypt is used only for these signatures: it is never registered with {@link java.security.Security},
 * so the TLS and the other cryptography of an application that embeds Gatehouse stay as they were. Verifying
 * and key generation stay with the JDK. Every Conscrypt signer made here first signs a fixed payload, and that
 * signature must verify with the JDK's provider before the signer is handed out.
 */
public final class RsaSigners {

    /** The JDK's provider of RSA signatures, which checks every other provider's first signature. */
    private static final String JDK_PROVIDER = "SunRsaSign";
    private static final byte[] SELF_CHECK = "{\"self_check\":\"gatehouse\"}".getBytes(StandardCharsets.UTF_8);

    /** Which provider to use, as {@code --signature-provider} names it. */
    public enum Choice {
        /** Conscrypt where its native library loads on this platform, else the JDK's provider. */
        AUTO,
        /** Conscrypt, or the server does not start. */
        CONSCRYPT,
        /** The JDK's provider. */
        JDK;

        /** {@code auto}, {@code conscrypt} or {@code jdk}, in any case. */
        public static Choice parse(String value) {
            for (Choice choice : values()) {
                if (choice.name().equalsIgnoreCase(value.trim())) {
                    return choice;
                }
            }
            throw new IllegalArgumentException("the signature provider must be auto, conscrypt or jdk, not '" + value + "'");
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Conscrypt cannot be used here: its native library did not load, or its signatures did not verify. */
    public static final class UnavailableException extends RuntimeException {
        UnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final RsaSigners JDK = new RsaSigners(Optional.empty(), "the JDK's provider");

    private final Optional<Provider> provider;
    private final String name;

    private RsaSigners(Optional<Provider> provider, String name) {
        this.provider = provider;
        this.name = name;
    }

    /** Signatures by {@code provider}, called {@code name}: for tests of providers that fail. */
    static RsaSigners of(Provider provider, String name) {
        return new RsaSigners(Optional.of(provider), name);
    }

    /** The JDK's provider. */
    public static RsaSigners jdk() {
        return JDK;
    }

    /**
     * Conscrypt, loaded now: it unpacks and loads its native library, which takes a tenth of a second or more.
     *
     * @throws UnavailableException when Conscrypt has no native library for this platform or cannot load it
     */
    public static RsaSigners conscrypt() {
        Provider provider;
        try {
            provider = Conscrypt.newProvider();
        } catch (LinkageError | RuntimeException e) {
            throw new UnavailableException("Conscrypt cannot be loaded on " + System.getProperty("os.name") + "/"
                    + System.getProperty("os.arch") + ": " + e, e);
        }
        try {
            Signature.getInstance("SHA256withRSA", provider);
        } catch (GeneralSecurityException e) {
            throw new UnavailableException("Conscrypt offers no SHA256withRSA signature: " + e.getMessage(), e);
        }
        Conscrypt.Version version = Conscrypt.version();
        String name = version == null ? "Conscrypt"
                : "Conscrypt " + version.major() + "." + version.minor() + "." + version.patch();
        return new RsaSigners(Optional.of(provider), name);
    }

    /** Loads the provider {@code choice} names; {@link Choice#AUTO} falls back to the JDK's, passing why to {@code fallback}. */
    public static RsaSigners load(Choice choice, Consumer<UnavailableException> fallback) {
        return load(choice, RsaSigners::conscrypt, fallback);
    }

    static RsaSigners load(Choice choice, Supplier<RsaSigners> conscrypt, Consumer<UnavailableException> fallback) {
        return switch (choice) {
            case JDK -> JDK;
            case CONSCRYPT -> conscrypt.get();
            case AUTO -> {
                try {
                    yield conscrypt.get();
                } catch (UnavailableException e) {
                    fallback.accept(e);
                    yield JDK;
                }
            }
        };
    }

    /** {@code Conscrypt 2.9.0} or {@code the JDK's provider}: for logs. */
    public String name() {
        return name;
    }

    public boolean isJdk() {
        return provider.isEmpty();
    }

    /**
     * A signer with {@code key}'s private half. With Conscrypt the key is translated once into Conscrypt's own
     * form, so that a signature does not convert it again.
     *
     * @throws JOSEException when the key cannot be used, or the signer's signature does not verify
     */
    JWSSigner signer(RSAKey key) throws JOSEException {
        if (provider.isEmpty()) {
            return new RSASSASigner(key);
        }
        Provider p = provider.get();
        PrivateKey translated;
        try {
            translated = (PrivateKey) KeyFactory.getInstance("RSA", p).translateKey(key.toRSAPrivateKey());
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new JOSEException(name + " cannot take the RSA key " + key.getKeyID() + ": " + e.getMessage(), e);
        }
        RSASSASigner signer = new RSASSASigner(translated);
        signer.getJCAContext().setProvider(p);
        selfCheck(signer, key);
        return signer;
    }

    /** Signs a fixed payload and verifies it with the JDK's provider and the public key. */
    private void selfCheck(JWSSigner signer, RSAKey key) throws JOSEException {
        JWSObject object = new JWSObject(new JWSHeader(JWSAlgorithm.RS256), new Payload(SELF_CHECK));
        object.sign(signer);
        RSASSAVerifier verifier = new RSASSAVerifier(key.toRSAPublicKey());
        Provider jdk = Security.getProvider(JDK_PROVIDER);
        if (jdk != null) {
            verifier.getJCAContext().setProvider(jdk);
        }
        if (!object.verify(verifier)) {
            throw new JOSEException(name + " made an RS256 signature that does not verify with the JDK's provider");
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
