package dev.gatehouse.application.token.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GetJsonWebKeySetServiceTest {

    @Test
    void jwksPublishesThePublicKeySet() {
        Map<String, Object> jwks = Map.of("keys", List.of(Map.of("kty", "RSA", "kid", "k1", "e", "AQAB", "n", "xyz")));
        GetJsonWebKeySetService service = new GetJsonWebKeySetService(() -> jwks);

        assertThat(service.jwks()).isEqualTo(jwks);
    }
}
