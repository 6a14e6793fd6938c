package dev.gatehouse.adapter.out.jose;

import com.google.common.collect.ImmutableSet;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.gatehouse.application.token.port.out.AccessTokenSigner;
import dev.gatehouse.application.token.port.out.AccessTokenVerifier;
import dev.gatehouse.application.token.port.out.PublicKeySet;
import dev.gatehouse.application.token.port.out.SigningKeyGenerator;
import dev.gatehouse.application.token.port.out.SigningKeyRepository;
import dev.gatehouse.application.token.port.out.SigningKeyRepository.StoredSigningKey;
import dev.gatehouse.application.token.port.out.UnreadableSecretException;
import dev.gatehouse.application.token.service.SigningKeySchedule;
import dev.gatehouse.domain.client.ClientId;
import dev.gatehouse.domain.scope.ScopeSet;
import dev.gatehouse.domain.token.AccessTokenClaims;
import dev.gatehouse.domain.workspace.ProjectId;
import dev.gatehouse.domain.workspace.WorkspaceId;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Semaphore;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs and verifies RFC 9068 access tokens with nimbus-jose-jwt: {@code typ: at+jwt}, RS256 and a
 * {@code kid}. Keys live in a {@link SigningKeyRepository}; the first start generates one, and the
 * {@link SigningKeySchedule} says which key signs and which are published. {@link #reload()} runs every few
 * seconds, and a token whose {@code kid} is not known here also makes the keys reload (at most once a
 * second), so a key another server added is picked up before it starts signing. {@link #signWith} chooses the
 * provider of the signatures ({@link RsaSigners}); until it is called, the JDK's provider signs.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9068">RFC 9068</a>
 */
public final class JoseAccessTokens implements AccessTokenSigner, AccessTokenVerifier, PublicKeySet, SigningKeyGenerator {

    private static final Logger LOG = LoggerFactory.getLogger(JoseAccessTokens.class);

    public static final JOSEObjectType AT_JWT = new JOSEObjectType("at+jwt");
    /** RFC 9068 §4: a resource server accepts the full media type as well as {@code at+jwt}. */
    private static final JOSEObjectType APPLICATION_AT_JWT = new JOSEObjectType("application/at+jwt");
    private static final JWSAlgorithm ALGORITHM = JWSAlgorithm.RS256;
    private static final int RSA_BITS = 2048;
    private static final Duration RELOAD_INTERVAL = Duration.ofSeconds(1);
    private static final Set<String> REQUIRED_CLAIMS =
            Set.of("iss", "aud", "sub", "client_id", "exp", "iat", "nbf", "jti", "scope", "workspace_id");

    private final SigningKeyRepository repository;
    private final SigningKeySchedule schedule;
    private final Clock clock;
    private final DefaultJWTProcessor<SecurityContext> processor;
    /**
     * RS256 signing is pure CPU (about 0.7 ms of it with the JDK's provider, 0.5 ms with Conscrypt): at most one
     * signature more than there are cores runs at once, instead of every request thread sharing the cores in time
     * slices. The spare permit keeps a signer ready when one finishes, and the gate is not fair, so a thread that
     * finds a permit free takes it at once instead of waking a queued one: a fair gate of one per core left 13 % of
     * the two cores idle in those hand-overs and gave 0.8 × the tokens per second, while this one gave as many as
     * no gate at a lower p99 (docs/performance.md, "At most one RS256 signature more than there are cores").
     */
    private final Semaphore signing = new Semaphore(Runtime.getRuntime().availableProcessors() + 1, false);
    private volatile KeyState keys;
    private volatile Instant lastReload = Instant.EPOCH;
    private RsaSigners signers = RsaSigners.jdk();

    private record KeyState(JWKSet privateKeys, JWKSet publicKeys, RSAKey current, Signer signer) {}

    /** A signer, and the provider whose signatures it makes. */
    private record Signer(JWSSigner signer, RsaSigners provider) {}

    private JoseAccessTokens(SigningKeyRepository repository, SigningKeySchedule schedule, String issuer, Clock clock) {
        this.repository = repository;
        this.schedule = schedule;
        this.clock = clock;
        this.processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(AT_JWT, APPLICATION_AT_JWT));
        JWKSource<SecurityContext> source = (selector, context) -> {
            List<JWK> found = selector.select(keys.publicKeys());
            if (found.isEmpty() && reloadAllowed()) {
                found = selector.select(keys.publicKeys());
            }
            return found;
        };
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHM, source));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                issuer, new JWTClaimsSet.Builder().issuer(issuer).build(), REQUIRED_CLAIMS));
    }

    /** Loads the stored keys, generating and storing the first one if there is none. */
    public static JoseAccessTokens loadOrCreate(SigningKeyRepository repository, SigningKeySchedule schedule, String issuer,
                                                Clock clock) {
        JoseAccessTokens tokens = new JoseAccessTokens(repository, schedule, issuer, clock);
        if (repository.findAll().isEmpty()) {
            repository.add(tokens.generate(clock.instant()));
        }
        tokens.reload();
        return tokens;
    }

    /** A new 2048-bit RSA key, its {@code kid} the JWK thumbprint, to start signing at {@code activatesAt}. */
    @Override
    public StoredSigningKey generate(Instant activatesAt) {
        return newKey(activatesAt);
    }

    /** Makes keys as {@link #generate} does, without a server: for rotating keys by hand. */
    public static SigningKeyGenerator keyGenerator() {
        return JoseAccessTokens::newKey;
    }

    private static StoredSigningKey newKey(Instant activatesAt) {
        try {
            RSAKey key = new RSAKeyGenerator(RSA_BITS)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(ALGORITHM)
                    .keyIDFromThumbprint(true)
                    .generate();
            return new StoredSigningKey(key.getKeyID(), ALGORITHM.getName(), key.toJSONString(), activatesAt);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA signing key", e);
        }
    }

    /** Reads the stored keys again and applies the schedule at this moment; run every few seconds. */
    public synchronized void reload() {
        Instant now = clock.instant();
        List<StoredSigningKey> stored = repository.findAll();
        if (stored.isEmpty()) {
            throw new IllegalStateException("no signing key is stored");
        }
        StoredSigningKey signing = schedule.signingKey(stored, now);
        List<RSAKey> published = schedule.published(stored, now).stream().map(JoseAccessTokens::parse).toList();
        RSAKey current = parse(signing);
        KeyState previous = keys;
        if (previous != null && previous.current().getKeyID().equals(current.getKeyID())
                && previous.privateKeys().getKeys().size() == published.size()
                && previous.privateKeys().getKeys().stream().map(JWK::getKeyID).toList()
                        .equals(published.stream().map(JWK::getKeyID).toList())) {
            lastReload = now;
            return;
        }
        keys = new KeyState(new JWKSet(List.copyOf(published)), new JWKSet(List.copyOf(published)).toPublicJWKSet(),
                current, signerFor(current));
        lastReload = now;
    }

    /**
     * Signs from now on with {@code provider}'s signatures. A key it cannot sign with, or whose signature does not
     * verify, is signed with the JDK's provider instead, with a warning.
     */
    public synchronized void signWith(RsaSigners provider) {
        this.signers = provider;
        KeyState state = keys;
        if (state != null) {
            keys = new KeyState(state.privateKeys(), state.publicKeys(), state.current(), signerFor(state.current()));
        }
    }

    /** The provider of the signatures made now: {@code Conscrypt 2.9.0} or {@code the JDK's provider}. */
    public String signatureProvider() {
        return keys.signer().provider().name();
    }

    /** Whether the signatures made now are {@code provider}'s, and not the JDK's standing in for it. */
    public boolean signsWith(RsaSigners provider) {
        return keys.signer().provider() == provider;
    }

    private Signer signerFor(RSAKey current) {
        if (!signers.isJdk()) {
            try {
                return new Signer(signers.signer(current), signers);
            } catch (JOSEException | RuntimeException | LinkageError e) {
                LOG.warn("{} cannot sign with key {}, so the JDK's provider signs with it: {}", signers.name(),
                        current.getKeyID(), e.toString());
            }
        }
        return jdkSigner(current);
    }

    private static Signer jdkSigner(RSAKey current) {
        try {
            return new Signer(RsaSigners.jdk().signer(current), RsaSigners.jdk());
        } catch (JOSEException e) {
            throw new IllegalStateException("the stored signing key " + current.getKeyID() + " cannot sign", e);
        }
    }

    private boolean reloadAllowed() {
        synchronized (this) {
            if (Duration.between(lastReload, clock.instant()).compareTo(RELOAD_INTERVAL) < 0) {
                return false;
            }
            try {
                reload();
            } catch (UnreadableSecretException e) {
                // a stored key cannot be opened: keep the keys we have; the scheduled reload reports it
                lastReload = clock.instant();
                return false;
            }
            return true;
        }
    }

    private static RSAKey parse(StoredSigningKey stored) {
        try {
            return RSAKey.parse(stored.privateJwkJson());
        } catch (ParseException e) {
            throw new IllegalStateException("the stored signing key " + stored.kid() + " is not an RSA JWK", e);
        }
    }

    @Override
    public String sign(AccessTokenClaims claims) {
        KeyState state = keys;
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .issuer(claims.issuer())
                .audience(claims.audience())
                .subject(claims.clientId().value())
                .claim("client_id", claims.clientId().value())
                .expirationTime(Date.from(claims.expiresAt()))
                .issueTime(Date.from(claims.issuedAt()))
                .notBeforeTime(Date.from(claims.notBefore()))
                .jwtID(claims.jwtId())
                .claim("scope", claims.scope().toParameter())
                .claim("workspace_id", claims.workspaceId().value())
                .claim("client_gen", claims.clientGeneration());
        claims.projects().ifPresent(p -> builder.claim("projects", p.stream().map(ProjectId::value).toList()));
        JWSHeader header = new JWSHeader.Builder(ALGORITHM).type(AT_JWT).keyID(state.current().getKeyID()).build();
        SignedJWT jwt = new SignedJWT(header, builder.build());
        signing.acquireUninterruptibly();
        try {
            sign(jwt, state);
        } finally {
            signing.release();
        }
        return jwt.serialize();
    }

    private void sign(SignedJWT jwt, KeyState state) {
        try {
            jwt.sign(state.signer().signer());
        } catch (JOSEException | RuntimeException e) {
            if (state.signer().provider().isJdk()) {
                throw new IllegalStateException("signing failed", e);
            }
            // the chosen provider failed: the JDK's signs from now on, and this token is signed again
            try {
                jwt.sign(signWithJdkAfter(state, e));
            } catch (JOSEException again) {
                throw new IllegalStateException("signing failed", again);
            }
        }
    }

    /** A JDK signer for {@code failed}'s key, which from now on signs in its place unless the keys changed meanwhile. */
    private synchronized JWSSigner signWithJdkAfter(KeyState failed, Exception cause) {
        Signer jdk = jdkSigner(failed.current());
        if (keys == failed) {
            LOG.warn("{} failed to sign with key {}, so the JDK's provider signs from now on: {}", signers.name(),
                    failed.current().getKeyID(), cause.toString());
            signers = RsaSigners.jdk();
            keys = new KeyState(failed.privateKeys(), failed.publicKeys(), failed.current(), jdk);
        }
        return jdk.signer();
    }

    /** The signer of the key that signs now: for tests that check which provider computes the signature. */
    JWSSigner currentSigner() {
        return keys.signer().signer();
    }

    @Override
    public AccessTokenClaims verify(String token) {
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (ParseException e) {
            throw new InvalidAccessTokenException("the access token is malformed");
        } catch (BadJOSEException e) {
            throw new InvalidAccessTokenException("the access token is invalid: " + e.getMessage());
        } catch (JOSEException e) {
            throw new InvalidAccessTokenException("the access token could not be verified");
        }
        try {
            return toClaims(claims);
        } catch (ParseException | RuntimeException e) {
            throw new InvalidAccessTokenException("the access token's claims are malformed");
        }
    }

    private static AccessTokenClaims toClaims(JWTClaimsSet claims) throws ParseException {
        List<String> projects = claims.getStringListClaim("projects");
        Long generation = claims.getLongClaim("client_gen");
        Optional<ImmutableSet<ProjectId>> restricted = projects == null
                ? Optional.empty()
                : Optional.of(projects.stream().map(ProjectId::new).collect(ImmutableSet.toImmutableSet()));
        return new AccessTokenClaims(
                claims.getIssuer(),
                claims.getAudience().get(0),
                new ClientId(claims.getStringClaim("client_id")),
                new WorkspaceId(claims.getStringClaim("workspace_id")),
                ScopeSet.parse(claims.getStringClaim("scope")),
                restricted,
                claims.getIssueTime().toInstant(),
                claims.getNotBeforeTime().toInstant(),
                claims.getExpirationTime().toInstant(),
                claims.getJWTID(),
                generation == null ? 0 : Math.toIntExact(generation));
    }

    @Override
    public Map<String, Object> toJwks() {
        return keys.publicKeys().toJSONObject(true);
    }
}
