package dev.gatehouse.adapter.out.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.token.port.out.UnreadableSecretException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class AesGcmSecretSealerTest {

    private static final String JWK = "{\"kty\":\"RSA\",\"d\":\"very-secret-exponent\"}";
    private final SecureRandom random = new SecureRandom();
    private final byte[] key = randomKey();
    private final AesGcmSecretSealer sealer = new AesGcmSecretSealer(key, random);

    private byte[] randomKey() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return bytes;
    }

    @Test
    void sealThenOpenWithTheSameContextGivesThePlaintext() {
        String sealed = sealer.seal(JWK, "signing_keys/k1");

        assertThat(sealed).doesNotContain("very-secret").startsWith("v1." + sealer.masterKeyId() + ".");
        assertThat(sealer.open(sealed, "signing_keys/k1")).isEqualTo(JWK);
        assertThat(new AesGcmSecretSealer(key.clone(), random).open(sealed, "signing_keys/k1"))
                .as("the same key bytes in another sealer").isEqualTo(JWK);
    }

    @Test
    void sealIsStandardAesGcmWithA96BitNonceAndTheContextAsAssociatedData() throws Exception {
        String[] parts = sealer.seal(JWK, "signing_keys/k1").split("\\.");
        byte[] nonce = Base64.getUrlDecoder().decode(parts[2]);
        assertThat(nonce).hasSize(12);

        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        cipher.updateAAD("signing_keys/k1".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(cipher.doFinal(Base64.getUrlDecoder().decode(parts[3])), StandardCharsets.UTF_8)).isEqualTo(JWK);
    }

    @Test
    void everySealUsesAFreshNonce() {
        String first = sealer.seal(JWK, "c");
        String second = sealer.seal(JWK, "c");

        assertThat(first.split("\\.")[2]).isNotEqualTo(second.split("\\.")[2]);
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void openWhenContextDiffersThenFailsItsIntegrityCheck() {
        String sealed = sealer.seal(JWK, "signing_keys/k1");

        assertThatThrownBy(() -> sealer.open(sealed, "signing_keys/k2"))
                .isInstanceOf(UnreadableSecretException.class)
                .hasMessageContaining("signing_keys/k2")
                .hasMessageContaining("integrity check");
    }

    @Test
    void openWhenCiphertextTamperedThenFailsItsIntegrityCheck() {
        String sealed = sealer.seal(JWK, "c");
        String[] parts = sealed.split("\\.");
        byte[] body = Base64.getUrlDecoder().decode(parts[3]);
        body[3] ^= 1;
        String tampered = parts[0] + "." + parts[1] + "." + parts[2] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(body);

        assertThatThrownBy(() -> sealer.open(tampered, "c"))
                .isInstanceOf(UnreadableSecretException.class)
                .hasMessageContaining("integrity check")
                .hasMessageNotContaining("very-secret");
    }

    @Test
    void openWhenSealedUnderAnotherMasterKeyThenSaysSo() {
        AesGcmSecretSealer other = AesGcmSecretSealer.random(random);
        String sealed = other.seal(JWK, "c");

        assertThatThrownBy(() -> sealer.open(sealed, "c"))
                .isInstanceOf(UnreadableSecretException.class)
                .hasMessageContaining("another master key")
                .hasMessageContaining(other.masterKeyId())
                .hasMessageContaining(sealer.masterKeyId());
    }

    @Test
    void openWhenNotASealedValueThenUnreadable() {
        assertThatThrownBy(() -> sealer.open(JWK, "c")).isInstanceOf(UnreadableSecretException.class);
        assertThatThrownBy(() -> sealer.open("v1." + sealer.masterKeyId() + ".!!.??", "c"))
                .isInstanceOf(UnreadableSecretException.class).hasMessageContaining("corrupt");
    }

    @Test
    void aKeyThatIsNot32BytesIsRefused() {
        assertThatThrownBy(() -> new AesGcmSecretSealer(new byte[16], random))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
    }

    @Test
    void masterKeyIdDoesNotRevealTheKey() {
        assertThat(sealer.masterKeyId()).hasSize(12);
        assertThat(sealer.toString()).contains(sealer.masterKeyId())
                .doesNotContain(Base64.getEncoder().encodeToString(key)).doesNotContain(Base64.getUrlEncoder().encodeToString(key));
    }
}
