package dev.gatehouse.adapter.in.http.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestLogTest {

    @Test
    void newIdIsThirtyTwoLowercaseHexDigitsAndNeverRepeats() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String id = RequestLog.newId();
            assertThat(id).matches("[0-9a-f]{32}");
            assertThat(seen.add(id)).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(floats = {0f, 0.04f, 0.05f, 0.15f, 0.25f, 0.35f, 0.95f, 0.99f, 1f, 9.95f, 12.345f, 99.96f, 1234.5f, 65536.06f})
    void tenthsWritesWhatPercentPointOneFWould(float millis) {
        assertThat(RequestLog.tenths(millis)).isEqualTo(String.format(Locale.ROOT, "%.1f", millis));
    }

    @Test
    void tenthsAgreesWithPercentPointOneFOverManyDurations() {
        SplittableRandom random = new SplittableRandom(8);
        for (int i = 0; i < 100_000; i++) {
            float millis = (float) (random.nextDouble() * Math.pow(10, random.nextInt(6)));
            assertThat(RequestLog.tenths(millis)).as("%s", millis).isEqualTo(String.format(Locale.ROOT, "%.1f", millis));
        }
    }

    @Test
    void tenthsOfWhatIsNotADurationFallsBackToTheFormatter() {
        assertThat(RequestLog.tenths(Float.NaN)).isEqualTo("NaN");
        assertThat(RequestLog.tenths(-1.25f)).isEqualTo(String.format(Locale.ROOT, "%.1f", -1.25f));
    }

    @Test
    void printableKeepsVisibleAsciiAndReplacesTheRestAndCutsLongPaths() {
        assertThat(RequestLog.printable("/v1/workspaces/o_1")).isEqualTo("/v1/workspaces/o_1");
        assertThat(RequestLog.printable("/a b\n\u00e9")).isEqualTo("/a?b??");
        assertThat(RequestLog.printable("/" + "x".repeat(300))).hasSize(203).endsWith("...");
    }
}
