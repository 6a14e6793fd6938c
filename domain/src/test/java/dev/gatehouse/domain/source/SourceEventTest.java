package dev.gatehouse.domain.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SourceEventTest {

    private static final Instant AT = Instant.parse("2024-05-01T10:15:30.123Z");
    private final SourceId source = SourceId.generate(new SplittableRandom(31));

    @Test
    void idIsTheEmittedMillisecondAndTheSequence() {
        SourceEvent event = new SourceEvent(source, 42, AT, "{}");

        assertThat(event.id()).isEqualTo("1714558530123-42");
    }

    @Test
    void idDropsWhatIsFinerThanAMillisecond() {
        SourceEvent event = new SourceEvent(source, 1, AT.plusNanos(999_999), "{}");

        assertThat(event.id()).isEqualTo("1714558530123-1");
    }

    @Test
    void sequenceOfReadsBackTheSequenceOfAnId() {
        SourceEvent event = new SourceEvent(source, 7, AT, "{}");

        assertThat(SourceEvent.sequenceOf(event.id())).contains(7L);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "1714558530123-42, 42",
            "0-0, 0",
            "0-1, 1",
            "1-9223372036854775807, 9223372036854775807",
    })
    void sequenceOfAcceptsAWellFormedId(String id, long sequence) {
        assertThat(SourceEvent.sequenceOf(id)).contains(sequence);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "garbage", "42", "-", "1714558530123-", "-42", "--1", "1--5", "1-x", "x-1", "1-2-3", "1.5-2", "1-2.5",
            " 1-2", "1-2 ", "1 -2", "1-0x10",
            "1-9223372036854775808", "1-99999999999999999999999", "99999999999999999999-1",
    })
    void sequenceOfRejectsWhatIsNotAnEventId(String id) {
        assertThat(SourceEvent.sequenceOf(id)).isEmpty();
    }

    @Test
    void sequenceOfRejectsAnIdLongerThanFortyCharacters() {
        String longId = "1".repeat(30) + "-" + "2".repeat(10);

        assertThat(SourceEvent.sequenceOf(longId)).isEmpty();
    }

    @Test
    void aSequenceBelowOneIsRejected() {
        assertThatThrownBy(() -> new SourceEvent(source, 0, AT, "{}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SourceEvent(source, -1, AT, "{}")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\n}", "{\"a\":1}\r", "\n"})
    void aPayloadOnMoreThanOneLineIsRejected(String payload) {
        assertThatThrownBy(() -> new SourceEvent(source, 1, AT, payload)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPayloadWithAnEscapedNewlineIsAccepted() {
        assertThat(new SourceEvent(source, 1, AT, "{\"text\":\"a\\nb\"}").payloadJson()).isEqualTo("{\"text\":\"a\\nb\"}");
    }

    @Test
    void missingFieldsAreRejected() {
        assertThatThrownBy(() -> new SourceEvent(null, 1, AT, "{}")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new SourceEvent(source, 1, null, "{}")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new SourceEvent(source, 1, AT, null)).isInstanceOf(NullPointerException.class);
    }
}
