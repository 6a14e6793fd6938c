package dev.gatehouse.domain.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UserTest {

    private static final Instant NOW = Instant.parse("2024-05-01T10:15:30.123Z");

    @Test
    void toStringHidesEmailAndPasswordHash() {
        User user = new User(UserId.generate(new SplittableRandom(19)), "ada@example.com", "ada", "fake:secret-hash", NOW);

        assertThat(user.toString()).doesNotContain("fake:secret-hash").doesNotContain("ada@example.com");
    }

    @Test
    void constructorValidatesEmailAndUsername() {
        UserId id = UserId.generate(new SplittableRandom(20));

        assertThatThrownBy(() -> new User(id, "not-an-email", "ada", "h", NOW)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new User(id, "ada@example.com", " ", "h", NOW)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new User(id, "ada@example.com", "ada", null, NOW)).isInstanceOf(NullPointerException.class);
    }
}
