package dev.gatehouse.domain.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.domain.credential.CredentialKind;
import dev.gatehouse.domain.workspace.UserId;
import java.time.Instant;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ApiKeyTest {

    private static final Instant NOW = Instant.parse("2024-05-01T10:15:30.123Z");
    private final SplittableRandom random = new SplittableRandom(21);

    @Test
    void issueMakesALiveKeyWhoseHashMatchesTheClearText() {
        UserId user = UserId.generate(random);

        ApiKey.Issued issued = ApiKey.issue(user, NOW, random);

        assertThat(issued.plaintext().kind()).isEqualTo(CredentialKind.API_KEY);
        assertThat(CredentialKind.API_KEY.isWellFormed(issued.plaintext().value())).isTrue();
        assertThat(issued.key().hash().matches(issued.plaintext().value())).isTrue();
        assertThat(issued.key().userId()).isEqualTo(user);
        assertThat(issued.key().createdAt()).isEqualTo(NOW);
        assertThat(issued.key().id().value()).startsWith("ak_");
        assertThat(issued.key().isLive()).isTrue();
        assertThat(issued.toString()).doesNotContain(issued.plaintext().value());
    }

    @Test
    void aRevokedKeyIsNotLive() {
        ApiKey key = ApiKey.issue(UserId.generate(random), NOW, random).key();

        ApiKey revoked = new ApiKey(key.id(), key.userId(), key.hash(), key.createdAt(), Optional.of(NOW.plusSeconds(1)));

        assertThat(revoked.isLive()).isFalse();
    }

    @Test
    void issueKeepsTheLastFourCharactersToShowTheKeyMasked() {
        ApiKey.Issued issued = ApiKey.issue(UserId.generate(random), NOW, random);
        String value = issued.plaintext().value();

        assertThat(issued.key().lastFour()).contains(value.substring(value.length() - 4));
        assertThat(issued.key().masked()).isEqualTo("gtk_…" + value.substring(value.length() - 4));
        assertThat(issued.key().revoked(NOW).lastFour()).isEqualTo(issued.key().lastFour());
    }

    @Test
    void aKeyWithoutItsLastFourIsMaskedByItsPrefixAlone() {
        ApiKey key = ApiKey.issue(UserId.generate(random), NOW, random).key();

        ApiKey old = new ApiKey(key.id(), key.userId(), key.hash(), key.createdAt(), Optional.empty());

        assertThat(old.masked()).isEqualTo("gtk_…");
    }
}
