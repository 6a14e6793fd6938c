package dev.gatehouse.application.token.port.out;

import java.util.Map;

/** The public halves of every key that can still verify a live token, as a JWK Set. */
public interface PublicKeySet {
    Map<String, Object> toJwks();
}
