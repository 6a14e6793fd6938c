package dev.gatehouse.application.token.port.in;

import java.util.Map;

/** Publishes the public keys that verify Gatehouse's access tokens, as a JWK Set (RFC 7517 §5). */
public interface GetJsonWebKeySetUseCase {
    Map<String, Object> jwks();
}
