package dev.gatehouse.application.token.service;

import dev.gatehouse.application.token.port.in.GetJsonWebKeySetUseCase;
import dev.gatehouse.application.token.port.out.PublicKeySet;
import java.util.Map;

/** Publishes the public signing keys. */
public final class GetJsonWebKeySetService implements GetJsonWebKeySetUseCase {

    private final PublicKeySet keys;

    public GetJsonWebKeySetService(PublicKeySet keys) {
        this.keys = keys;
    }

    @Override
    public Map<String, Object> jwks() {
        return keys.toJwks();
    }
}
