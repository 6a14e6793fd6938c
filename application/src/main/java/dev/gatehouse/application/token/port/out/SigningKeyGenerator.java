package dev.gatehouse.application.token.port.out;

import dev.gatehouse.application.token.port.out.SigningKeyRepository.StoredSigningKey;
import java.time.Instant;

/** Makes a new signing key pair, to start signing at {@code activatesAt}. */
public interface SigningKeyGenerator {
    StoredSigningKey generate(Instant activatesAt);
}
