package dev.gatehouse.application.token.port.out;

import dev.gatehouse.domain.client.ClientId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The denylist of revoked access tokens, by {@code jti}. An entry is needed only until its token expires,
 * so {@link #purgeExpired} keeps the list small.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7009">RFC 7009</a>
 */
public interface RevokedTokenRepository {

    /** Adds the token to the denylist; adding it again changes nothing. */
    void add(RevokedToken token);

    /** Entries revoked at or after {@code since} and not yet expired at {@code now}, for syncing servers. */
    List<RevokedToken> revokedSince(Instant since, Instant now);

    /** Deletes the entries whose token has expired by {@code now}; returns how many. */
    int purgeExpired(Instant now);

    /** One revoked token: its id, whose it was, when it expires and when it was revoked. */
    record RevokedToken(String jti, ClientId clientId, Instant expiresAt, Instant revokedAt) {
        public RevokedToken {
            Objects.requireNonNull(jti, "jti");
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(expiresAt, "expiresAt");
            Objects.requireNonNull(revokedAt, "revokedAt");
        }
    }
}
