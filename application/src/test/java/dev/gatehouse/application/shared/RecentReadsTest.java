package dev.gatehouse.application.shared;

import static dev.gatehouse.application.testing.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.testing.MutableClock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class RecentReadsTest {

    private static final Duration TRUSTED = Duration.ofSeconds(1);

    private final MutableClock clock = new MutableClock(T0);
    private final Map<String, String> store = new HashMap<>(Map.of("a", "A1"));
    private final Map<String, Integer> reads = new HashMap<>();
    private Runnable duringNextRead = () -> { };
    private final Function<String, Optional<String>> read = key -> {
        reads.merge(key, 1, Integer::sum);
        Optional<String> found = Optional.ofNullable(store.get(key));
        Runnable meanwhile = duringNextRead;
        duringNextRead = () -> { };
        meanwhile.run();
        return found;
    };

    @Test
    void findWithinTheTrustedTimeThenReadsOnceAndAfterItReadsAgain() {
        RecentReads<String, String> recent = new RecentReads<>(clock, TRUSTED, 10, false);

        assertThat(recent.find("a", read)).contains("A1");
        store.put("a", "A2");
        clock.advance(TRUSTED.minusMillis(1));
        assertThat(recent.find("a", read)).contains("A1");
        assertThat(reads).containsEntry("a", 1);

        clock.advance(Duration.ofMillis(1));
        assertThat(recent.find("a", read)).contains("A2");
        assertThat(reads).containsEntry("a", 2);
    }

    @Test
    void forgetThenTheNextFindReadsTheStore() {
        RecentReads<String, String> recent = new RecentReads<>(clock, TRUSTED, 10, false);
        recent.find("a", read);
        store.put("a", "A2");

        recent.forget();

        assertThat(recent.find("a", read)).contains("A2");
        assertThat(reads).containsEntry("a", 2);
    }

    @Test
    void forgetDuringAReadThenThatReadIsNeverUsed() {
        RecentReads<String, String> recent = new RecentReads<>(clock, TRUSTED, 10, true);
        duringNextRead = () -> {
            store.put("a", "A2");
            recent.forget();
        };

        assertThat(recent.find("a", read)).contains("A1"); // what the read found, answered once
        assertThat(recent.find("a", read)).contains("A2");
        assertThat(reads).containsEntry("a", 2);
    }

    @Test
    void findAnAbsentKeyThenRememberedOnlyWhenAsked() {
        RecentReads<String, String> remembering = new RecentReads<>(clock, TRUSTED, 10, true);
        RecentReads<String, String> forgetting = new RecentReads<>(clock, TRUSTED, 10, false);

        assertThat(remembering.find("b", read)).isEmpty();
        assertThat(remembering.find("b", read)).isEmpty();
        assertThat(reads).containsEntry("b", 1);

        assertThat(forgetting.find("b", read)).isEmpty();
        store.put("b", "B1");
        assertThat(forgetting.find("b", read)).contains("B1");
        assertThat(reads).containsEntry("b", 3);
    }

    @Test
    void moreKeysThanItHoldsThenOthersArePushedOutAndReadAgain() {
        RecentReads<String, String> recent = new RecentReads<>(clock, TRUSTED, 1, true);
        recent.find("a", read);
        recent.find("b", read);
        recent.find("c", read);

        recent.find("a", read);

        assertThat(reads).containsEntry("a", 2);
    }

    @Test
    void newWhenTrustedIsNotPositiveOrNoEntryFitsThenRefused() {
        assertThatThrownBy(() -> new RecentReads<String, String>(clock, Duration.ZERO, 10, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
        assertThatThrownBy(() -> new RecentReads<String, String>(clock, Duration.ofMillis(-1), 10, true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RecentReads<String, String>(clock, TRUSTED, 0, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("entry");
    }
}
