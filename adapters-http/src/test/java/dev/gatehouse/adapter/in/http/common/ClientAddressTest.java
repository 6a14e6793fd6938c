package dev.gatehouse.adapter.in.http.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {

    @Test
    void withoutTrustedProxiesTheForwardedHeaderIsIgnored() {
        ClientAddress addresses = ClientAddress.socketPeer();

        assertThat(addresses.resolve("192.0.2.7", "203.0.113.9")).isEqualTo("192.0.2.7");
    }

    @Test
    void aTrustedProxyIsBelievedAndTheRightmostUntrustedHopIsTheClient() {
        ClientAddress addresses = ClientAddress.trusting(List.of("10.0.0.0/8", "192.0.2.1"));

        assertThat(addresses.resolve("10.1.2.3", "203.0.113.9")).isEqualTo("203.0.113.9");
        assertThat(addresses.resolve("10.1.2.3", "198.51.100.4, 203.0.113.9, 192.0.2.1")).isEqualTo("203.0.113.9");
        assertThat(addresses.resolve("10.1.2.3", null)).isEqualTo("10.1.2.3");
    }

    @Test
    void anUntrustedPeerCannotChooseItsAddress() {
        ClientAddress addresses = ClientAddress.trusting(List.of("10.0.0.0/8"));

        assertThat(addresses.resolve("198.51.100.4", "203.0.113.9")).isEqualTo("198.51.100.4");
    }

    @Test
    void aGarbledHopStopsTheWalkAtTheLastTrustedAddress() {
        ClientAddress addresses = ClientAddress.trusting(List.of("10.0.0.0/8"));

        assertThat(addresses.resolve("10.1.2.3", "203.0.113.9, not-an-ip")).isEqualTo("10.1.2.3");
    }

    @Test
    void hostNamesAreRefusedSoThatNothingLooksUpDns() {
        assertThatThrownBy(() -> ClientAddress.trusting(List.of("proxy.example.com")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("proxy.example.com");
    }
}
