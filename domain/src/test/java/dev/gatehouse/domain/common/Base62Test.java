package dev.gatehouse.domain.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Base62Test {

    @ParameterizedTest(name = "{0} in {1} digits is {2}")
    @CsvSource({
            "0, 6, 000000",
            "1, 6, 000001",
            "9, 1, 9",
            "10, 1, A",
            "35, 1, Z",
            "36, 1, a",
            "61, 2, 0z",
            "62, 3, 010",
            "3843, 2, zz",
            "4294967295, 6, 4gfFC3",
            "56800235583, 6, zzzzzz",
    })
    void encodeLeftPadsToTheWidth(long value, int width, String expected) {
        assertThat(Base62.encode(value, width)).isEqualTo(expected);
    }

    @Test
    void encodeWhenValueTooWideThenRejected() {
        assertThatThrownBy(() -> Base62.encode(62L * 62 * 62 * 62 * 62 * 62, 6))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Base62.encode(62, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void encodeWhenNegativeThenRejected() {
        assertThatThrownBy(() -> Base62.encode(-1, 6)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void randomHasTheLengthAndOnlyBase62Characters() {
        String text = Base62.random(new SplittableRandom(13), 1000);

        assertThat(text).hasSize(1000).matches("^[0-9A-Za-z]+$");
        assertThat(Base62.isBase62(text)).isTrue();
    }

    @Test
    void randomUsesTheWholeAlphabet() {
        String text = Base62.random(new SplittableRandom(14), 5000);

        assertThat(Base62.ALPHABET.chars()).allMatch(c -> text.indexOf(c) >= 0);
    }

    @Test
    void isBase62() {
        assertThat(Base62.isBase62("")).isTrue();
        assertThat(Base62.isBase62(Base62.ALPHABET)).isTrue();
        assertThat(Base62.isBase62("ab-c")).isFalse();
        assertThat(Base62.isBase62("ab_c")).isFalse();
        assertThat(Base62.isBase62("ab c")).isFalse();
        assertThat(Base62.isBase62("caf\u00e9")).isFalse();
        assertThat(Base62.isBase62("\uFF10")).isFalse();
    }
}
