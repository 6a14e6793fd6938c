package dev.gatehouse.domain.credential;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.domain.common.Base62;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CredentialKindTest {

    private static final String URL_SAFE = "^[A-Za-z0-9_-]{43,}$";
    private final RandomGenerator random = new SplittableRandom(11);

    @ParameterizedTest
    @EnumSource(CredentialKind.class)
    void generateIsWellFormed(CredentialKind kind) {
        for (int i = 0; i < 200; i++) {
            assertThat(kind.isWellFormed(kind.generate(random))).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(CredentialKind.class)
    void generateHasThePrefixTheLengthAndOnlyUrlSafeCharacters(CredentialKind kind) {
        String credential = kind.generate(random);

        assertThat(credential).startsWith(kind.prefix()).matches(URL_SAFE);
        assertThat(credential).hasSize(kind.prefix().length() + CredentialKind.RANDOM_LENGTH + CredentialKind.CHECKSUM_LENGTH);
        assertThat(credential).hasSize(kind.length());
        assertThat(Base62.isBase62(credential.substring(kind.prefix().length()))).isTrue();
    }

    @Test
    void prefixesAreDistinctAndShort() {
        Set<String> prefixes = new HashSet<>();
        for (CredentialKind kind : CredentialKind.values()) {
            prefixes.add(kind.prefix());
            assertThat(kind.prefix()).matches("^[a-z]{2,4}_$");
        }
        assertThat(prefixes).hasSize(CredentialKind.values().length);
    }

    @Test
    void randomPartCarriesAtLeast256Bits() {
        assertThat(CredentialKind.RANDOM_LENGTH).isEqualTo(43);
        assertThat(CredentialKind.RANDOM_LENGTH * Math.log(62) / Math.log(2)).isGreaterThanOrEqualTo(256.0);
    }

    @ParameterizedTest
    @EnumSource(CredentialKind.class)
    void generateGivesADifferentCredentialEachTime(CredentialKind kind) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            seen.add(kind.generate(random));
        }
        assertThat(seen).hasSize(1000);
    }

    @ParameterizedTest
    @EnumSource(CredentialKind.class)
    void anySingleChangedCharacterFailsTheCheck(CredentialKind kind) {
        String alternatives = Base62.ALPHABET + "-_";
        for (int n = 0; n < 5; n++) {
            String credential = kind.generate(random);
            for (int i = 0; i < credential.length(); i++) {
                for (char c : alternatives.toCharArray()) {
                    if (c == credential.charAt(i)) {
                        continue;
                    }
                    String changed = credential.substring(0, i) + c + credential.substring(i + 1);
                    assertThat(kind.isWellFormed(changed)).as("%s with position %d changed to %s", credential, i, c).isFalse();
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(CredentialKind.class)
    void anySwapOfNeighbouringCharactersFailsTheCheck(CredentialKind kind) {
        for (int n = 0; n < 5; n++) {
            String credential = kind.generate(random);
            char[] chars = credential.toCharArray();
            for (int i = kind.prefix().length(); i + 1 < chars.length; i++) {
                if (chars[i] == chars[i + 1]) {
                    continue;
                }
                char[] swapped = chars.clone();
                swapped[i] = chars[i + 1];
                swapped[i + 1] = chars[i];
                assertThat(kind.isWellFormed(new String(swapped))).as("%s with %d and %d swapped", credential, i, i + 1).isFalse();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(CredentialKind.class)
    void isWellFormedRejectsWrongLengthsAndEmptyValues(CredentialKind kind) {
        String credential = kind.generate(random);

        assertThat(kind.isWellFormed(null)).isFalse();
        assertThat(kind.isWellFormed("")).isFalse();
        assertThat(kind.isWellFormed(kind.prefix())).isFalse();
        assertThat(kind.isWellFormed(credential.substring(0, credential.length() - 1))).isFalse();
        assertThat(kind.isWellFormed(credential + "0")).isFalse();
        assertThat(kind.isWellFormed(" " + credential)).isFalse();
        assertThat(kind.isWellFormed(credential.toUpperCase())).isFalse();
    }

    @Test
    void isWellFormedRejectsACredentialOfAnotherKind() {
        for (CredentialKind kind : CredentialKind.values()) {
            String credential = kind.generate(random);
            for (CredentialKind other : CredentialKind.values()) {
                assertThat(other.isWellFormed(credential)).as("%s checked as %s", kind, other).isEqualTo(other == kind);
            }
        }
    }

    @Test
    void isWellFormedRejectsAnotherKindsBodyUnderThisPrefix() {
        String secret = CredentialKind.CLIENT_SECRET.generate(random);
        String relabelled = CredentialKind.API_KEY.prefix() + secret.substring(CredentialKind.CLIENT_SECRET.prefix().length());

        assertThat(CredentialKind.API_KEY.isWellFormed(relabelled)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(CredentialKind.class)
    void checksumIsTheCrc32OfPrefixAndRandomPartInSixBase62Digits(CredentialKind kind) {
        String credential = kind.generate(random);
        String body = credential.substring(0, credential.length() - CredentialKind.CHECKSUM_LENGTH);

        assertThat(credential).endsWith(crc32Base62(body));
    }

    @ParameterizedTest
    @EnumSource(CredentialKind.class)
    void isWellFormedRejectsCharactersOutsideBase62EvenWithAMatchingChecksum(CredentialKind kind) {
        for (char c : "-_./+=~ \u00e9".toCharArray()) {
            String body = kind.prefix() + Base62.random(random, CredentialKind.RANDOM_LENGTH - 1) + c;

            assertThat(kind.isWellFormed(body + crc32Base62(body))).as("with %s", c).isFalse();
        }
    }

    private static String crc32Base62(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.UTF_8));
        return Base62.encode(crc.getValue(), CredentialKind.CHECKSUM_LENGTH);
    }

    @Test
    void generateIsDrawnFromTheGivenRandom() {
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        SplittableRandom a = new SplittableRandom(99);
        SplittableRandom b = new SplittableRandom(99);
        for (int i = 0; i < 3; i++) {
            first.add(CredentialKind.API_KEY.generate(a));
            second.add(CredentialKind.API_KEY.generate(b));
        }
        assertThat(first).isEqualTo(second);
    }
}
