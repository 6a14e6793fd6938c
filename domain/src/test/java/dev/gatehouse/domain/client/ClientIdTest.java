package dev.gatehouse.domain.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.domain.credential.CredentialKind;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ClientIdTest {

    private final SplittableRandom random = new SplittableRandom(17);

    @Test
    void acceptsAGeneratedClientId() {
        String value = CredentialKind.CLIENT_ID.generate(random);

        assertThat(new ClientId(value).value()).isEqualTo(value);
        assertThat(new ClientId(value)).hasToString(value);
        assertThat(ClientId.isWellFormed(value)).isTrue();
    }

    @Test
    void rejectsACredentialOfAnotherKind() {
        String secret = CredentialKind.CLIENT_SECRET.generate(random);

        assertThat(ClientId.isWellFormed(secret)).isFalse();
        assertThatThrownBy(() -> new ClientId(secret)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining(secret);
    }

    @Test
    void rejectsAMistypedClientId() {
        String value = CredentialKind.CLIENT_ID.generate(random);
        String mistyped = value.substring(0, 20) + (value.charAt(20) == 'x' ? 'y' : 'x') + value.substring(21);

        assertThat(ClientId.isWellFormed(mistyped)).isFalse();
        assertThatThrownBy(() -> new ClientId(mistyped)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsNull() {
        assertThat(ClientId.isWellFormed(null)).isFalse();
        assertThatThrownBy(() -> new ClientId(null)).isInstanceOf(NullPointerException.class);
    }
}
