package dev.gatehouse.adapter.in.http.edge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The references per cache line handed to Jetty: its own rule, and never over a value set by the operator. */
class JettyCacheLinesTest {

    @Test
    void aQuarterOfTheLineWithCompressedReferencesAnEighthWithout() {
        assertThat(JettyCacheLines.referencesPerCacheLine(64, true)).isEqualTo(16);
        assertThat(JettyCacheLines.referencesPerCacheLine(64, false)).isEqualTo(8);
        assertThat(JettyCacheLines.referencesPerCacheLine(128, true)).isEqualTo(32);
    }

    @Test
    void aValueAlreadySetIsKept() {
        String before = System.getProperty(JettyCacheLines.PROPERTY);
        try {
            System.setProperty(JettyCacheLines.PROPERTY, "3");
            JettyCacheLines.preset();
            assertThat(System.getProperty(JettyCacheLines.PROPERTY)).isEqualTo("3");

            System.clearProperty(JettyCacheLines.PROPERTY);
            JettyCacheLines.preset();
            assertThat(System.getProperty(JettyCacheLines.PROPERTY)).isIn("16", "8");
        } finally {
            if (before == null) {
                System.clearProperty(JettyCacheLines.PROPERTY);
            } else {
                System.setProperty(JettyCacheLines.PROPERTY, before);
            }
        }
    }
}
