package dev.gatehouse.application.token.service;

import dev.gatehouse.application.cluster.port.out.ClusterLock;
import dev.gatehouse.application.token.port.in.RotateSigningKeyUseCase;
import dev.gatehouse.application.token.port.out.SigningKeyGenerator;
import dev.gatehouse.application.token.port.out.SigningKeyRepository;
import dev.gatehouse.application.token.port.out.SigningKeyRepository.StoredSigningKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Scheduled signing key rotation: when the newest key is older than the rotation interval, one server (the
 * holder of a cluster-wide lock) stores the next key to start signing after the pre-publication delay, which
 * must be longer than it takes every server to reload its keys and every verifier's JWKS cache to expire.
 * {@link #rotate()} does the same by hand, whatever the schedule says.
 */
public final class SigningKeyRotationService implements RotateSigningKeyUseCase {

    static final String LOCK = "gatehouse.signing-key-rotation";

    private final SigningKeyRepository keys;
    private final SigningKeyGenerator generator;
    private final ClusterLock lock;
    private final SigningKeySchedule schedule;
    private final Duration interval;
    private final Duration prePublication;
    private final Clock clock;

    public SigningKeyRotationService(SigningKeyRepository keys, SigningKeyGenerator generator, ClusterLock lock,
                                     SigningKeySchedule schedule, Duration interval, Duration prePublication, Clock clock) {
        this.keys = keys;
        this.generator = generator;
        this.lock = lock;
        this.schedule = schedule;
        this.interval = interval;
        this.prePublication = prePublication;
        this.clock = clock;
    }

    /** Stores the next key if one is due and no other server is doing it; returns whether a key was stored. */
    public boolean rotateIfDue() {
        if (!schedule.rotationDue(keys.findAll(), clock.instant(), interval)) {
            return false;
        }
        boolean[] stored = {false};
        lock.tryRun(LOCK, () -> {
            Instant now = clock.instant();
            if (schedule.rotationDue(keys.findAll(), now, interval)) {
                stored[0] = keys.add(generator.generate(now.plus(prePublication)));
            }
        });
        return stored[0];
    }

    /** Stores a new key now, to start signing after the pre-publication delay; older keys stay as they are. */
    @Override
    public RotatedSigningKey rotate() {
        if (keys.findAll().isEmpty()) {
            throw new IllegalStateException("no signing key is stored yet: the first start of the server makes one");
        }
        Instant now = clock.instant();
        StoredSigningKey next = generator.generate(now.plus(prePublication));
        if (!keys.add(next)) {
            throw new IllegalStateException("a signing key with the new key's kid " + next.kid() + " is already stored");
        }
        return new RotatedSigningKey(next.kid(), next.algorithm(), now, next.createdAt());
    }
}
