package dev.gatehouse.adapter.out.jose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.KeyFactorySpi;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.ProviderException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Security;
import java.security.Signature;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.security.spec.KeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RsaSignersTest {

    private static RSAKey key;

    @BeforeAll
    static void key() throws JOSEException {
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
    }

    /** Conscrypt 2.9 ships native libraries for Linux on x86-64 and ARM64 and for Windows on x86-64. */
    static boolean conscryptShipsForThisPlatform() {
        String os = System.getProperty("os.name");
        String arch = System.getProperty("os.arch");
        return os.equals("Linux") && (arch.equals("amd64") || arch.equals("aarch64"))
                || os.startsWith("Windows") && arch.equals("amd64");
    }

    @Test
    void conscryptLoadsWhereItShipsANativeLibrary() {
        assumeTrue(conscryptShipsForThisPlatform(), "Conscrypt has no native library for this platform");

        RsaSigners conscrypt = RsaSigners.conscrypt();

        assertThat(conscrypt.isJdk()).isFalse();
        assertThat(conscrypt.name()).matches("Conscrypt \\d+\\.\\d+\\.\\d+");
    }

    /** The signer computes its signatures with Conscrypt, on Conscrypt's own form of the key. */
    @Test
    void theConscryptSignerUsesConscrypt() throws Exception {
        assumeTrue(conscryptShipsForThisPlatform(), "Conscrypt has no native library for this platform");

        RSASSASigner signer = (RSASSASigner) RsaSigners.conscrypt().signer(key);

        assertThat(signer.getJCAContext().getProvider().getName()).isEqualTo("Conscrypt");
        assertThat(signer.getPrivateKey().getClass().getName()).startsWith("org.conscrypt.");
        assertThat(((RSASSASigner) RsaSigners.jdk().signer(key)).getJCAContext().getProvider()).isNull();
    }

    /** Conscrypt signs for Gatehouse only: it never becomes a provider of the whole JVM. */
    @Test
    void conscryptIsNotRegisteredWithTheJvm() throws Exception {
        assumeTrue(conscryptShipsForThisPlatform(), "Conscrypt has no native library for this platform");

        signed("{\"sub\":\"a\"}", RsaSigners.conscrypt().signer(key));

        assertThat(Security.getProvider("Conscrypt")).isNull();
        assertThat(Security.getProviders()).noneMatch(p -> p.getClass().getName().startsWith("org.conscrypt."));
    }

    /** RSASSA-PKCS1-v1_5 is deterministic: both providers must give the very same signature, which the JDK verifies. */
    @Test
    void conscryptSignsExactlyAsTheJdkDoes() throws Exception {
        assumeTrue(conscryptShipsForThisPlatform(), "Conscrypt has no native library for this platform");
        JWSSigner conscrypt = RsaSigners.conscrypt().signer(key);
        JWSSigner jdk = RsaSigners.jdk().signer(key);

        for (String payload : List.of("{\"sub\":\"a\"}", "{\"scope\":\"workspace:read\",\"n\":" + "7".repeat(500) + "}")) {
            JWSObject byConscrypt = signed(payload, conscrypt);
            JWSObject byJdk = signed(payload, jdk);
            assertThat(byConscrypt.getSignature()).isEqualTo(byJdk.getSignature());
            assertThat(JWSObject.parse(byConscrypt.serialize()).verify(new RSASSAVerifier(key.toRSAPublicKey()))).isTrue();
        }
    }

    @Test
    void aProviderWithoutRsaKeysIsRefusedWhenTheSignerIsMade() {
        RsaSigners empty = RsaSigners.of(new Provider("Empty", "1", "no services") { }, "Empty");

        assertThatThrownBy(() -> empty.signer(key)).isInstanceOf(JOSEException.class)
                .hasMessageContaining("Empty cannot take the RSA key k1");
    }

    /** A provider whose signatures do not verify with the JDK never signs a token. */
    @Test
    void aProviderWhoseSignaturesDoNotVerifyIsRefused() {
        RsaSigners broken = RsaSigners.of(new WrongSignatures(), "Wrong");

        assertThatThrownBy(() -> broken.signer(key)).isInstanceOf(JOSEException.class)
                .hasMessageContaining("Wrong made an RS256 signature that does not verify with the JDK's provider");
    }

    @Test
    void choicesAreParsedInAnyCaseAndAnythingElseIsRefused() {
        assertThat(RsaSigners.Choice.parse("auto")).isEqualTo(RsaSigners.Choice.AUTO);
        assertThat(RsaSigners.Choice.parse(" CONSCRYPT ")).isEqualTo(RsaSigners.Choice.CONSCRYPT);
        assertThat(RsaSigners.Choice.parse("Jdk")).isEqualTo(RsaSigners.Choice.JDK);
        assertThat(RsaSigners.Choice.JDK).hasToString("jdk");
        assertThatThrownBy(() -> RsaSigners.Choice.parse("openssl")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the signature provider must be auto, conscrypt or jdk, not 'openssl'");
    }

    @Test
    void autoFallsBackToTheJdkAndSaysWhy() {
        List<RsaSigners.UnavailableException> told = new ArrayList<>();
        RsaSigners.UnavailableException missing = new RsaSigners.UnavailableException("no native library", null);

        RsaSigners chosen = RsaSigners.load(RsaSigners.Choice.AUTO, () -> { throw missing; }, told::add);

        assertThat(chosen.isJdk()).isTrue();
        assertThat(told).containsExactly(missing);
    }

    @Test
    void conscryptAsRequiredDoesNotFallBack() {
        List<RsaSigners.UnavailableException> told = new ArrayList<>();
        RsaSigners.UnavailableException missing = new RsaSigners.UnavailableException("no native library", null);

        assertThatThrownBy(() -> RsaSigners.load(RsaSigners.Choice.CONSCRYPT, () -> { throw missing; }, told::add))
                .isSameAs(missing);
        assertThat(told).isEmpty();
    }

    @Test
    void eachChoiceLoadsItsProvider() {
        assumeTrue(conscryptShipsForThisPlatform(), "Conscrypt has no native library for this platform");
        List<RsaSigners.UnavailableException> told = new ArrayList<>();

        assertThat(RsaSigners.load(RsaSigners.Choice.JDK, told::add).isJdk()).isTrue();
        assertThat(RsaSigners.load(RsaSigners.Choice.AUTO, told::add).name()).startsWith("Conscrypt ");
        assertThat(RsaSigners.load(RsaSigners.Choice.CONSCRYPT, told::add).name()).startsWith("Conscrypt ");
        assertThat(told).isEmpty();
    }

    private static JWSObject signed(String payload, JWSSigner signer) throws JOSEException {
        JWSObject object = new JWSObject(new JWSHeader(JWSAlgorithm.RS256), new Payload(payload));
        object.sign(signer);
        return object;
    }

    /** Takes any RSA key as it is; its first signature is the JDK's, every later one fails. */
    public static final class FailsAfterFirst extends Provider {
        static final AtomicInteger SIGNED = new AtomicInteger();

        public FailsAfterFirst() {
            super("FailsAfterFirst", "1", "one good signature, then failures");
            SIGNED.set(0);
            putService(new Service(this, "KeyFactory", "RSA", SameKey.class.getName(), null, null));
            putService(new Service(this, "Signature", "SHA256withRSA", JdkOnce.class.getName(), null, Map.of()));
        }
    }

    /** Takes any RSA key as it is, and signs with 256 bytes that are no signature. */
    public static final class WrongSignatures extends Provider {
        public WrongSignatures() {
            super("Wrong", "1", "signatures that do not verify");
            putService(new Service(this, "KeyFactory", "RSA", SameKey.class.getName(), null, null));
            putService(new Service(this, "Signature", "SHA256withRSA", RandomBytes.class.getName(), null, Map.of()));
        }
    }

    public static final class SameKey extends KeyFactorySpi {
        @Override
        protected Key engineTranslateKey(Key key) {
            return key;
        }

        @Override
        protected PublicKey engineGeneratePublic(KeySpec spec) {
            throw new UnsupportedOperationException();
        }

        @Override
        protected PrivateKey engineGeneratePrivate(KeySpec spec) {
            throw new UnsupportedOperationException();
        }

        @Override
        protected <T extends KeySpec> T engineGetKeySpec(Key key, Class<T> spec) {
            throw new UnsupportedOperationException();
        }
    }

    /** A signature engine of the test providers: it signs, and verifies nothing. */
    abstract static class SignOnly extends SignatureSpi {
        @Override
        protected void engineInitVerify(PublicKey publicKey) throws InvalidKeyException {
            throw new InvalidKeyException("signs only");
        }

        @Override
        protected boolean engineVerify(byte[] sigBytes) {
            throw new UnsupportedOperationException();
        }

        @Override
        @Deprecated
        protected void engineSetParameter(String param, Object value) {
        }

        @Override
        @Deprecated
        protected Object engineGetParameter(String param) {
            return null;
        }
    }

    public static final class JdkOnce extends SignOnly {
        private final Signature jdk;

        public JdkOnce() throws GeneralSecurityException {
            jdk = Signature.getInstance("SHA256withRSA", "SunRsaSign");
        }

        @Override
        protected void engineInitSign(PrivateKey privateKey) throws InvalidKeyException {
            jdk.initSign(privateKey);
        }

        @Override
        protected void engineUpdate(byte b) throws SignatureException {
            jdk.update(b);
        }

        @Override
        protected void engineUpdate(byte[] b, int off, int len) throws SignatureException {
            jdk.update(b, off, len);
        }

        @Override
        protected byte[] engineSign() throws SignatureException {
            if (FailsAfterFirst.SIGNED.getAndIncrement() > 0) {
                throw new ProviderException("the native library went away");
            }
            return jdk.sign();
        }
    }

    public static final class RandomBytes extends SignOnly {
        @Override
        protected void engineInitSign(PrivateKey privateKey) {
        }

        @Override
        protected void engineUpdate(byte b) {
        }

        @Override
        protected void engineUpdate(byte[] b, int off, int len) {
        }

        @Override
        protected byte[] engineSign() {
            byte[] signature = new byte[256];
            new SecureRandom().nextBytes(signature);
            return signature;
        }
    }
}
