package dev.gatehouse.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.gatehouse.adapter.out.persistence.Database;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Forged, tampered and once-valid credentials against the real server over HTTP (issue 9, contract §4). Every case
 * is sent to an OAuth-only route ({@code GET /v1/connect/projects}), a key-or-OAuth route
 * ({@code GET /v1/workspaces/{org_id}}) and an SSE route ({@code GET /v1/sources/{id}/sse}), and each must answer
 * exactly {@code 401} with {@code error="invalid_token"} and a JSON {@code {"error":…}} body, never anything else.
 *
 * <p>The forgeries start from a genuine token of a client allowed {@code *}, which all three routes accept, so a
 * forgery that got through would be answered 200. Claim checks (expiry, issuer, audience…) are tested with tokens
 * signed by the server's own private key, read from its database: a claim check is only worth something once the
 * signature verifies. A small HTTP server plays the attacker's key host, and must never be asked for anything.
 */
class ForgedTokenEndToEndTest {

    private static final String CHALLENGE = "Bearer realm=\"gatehouse\"";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path dir;

    static String dbUrl;
    static TestServer server;
    static Workspace ws;
    static String source;
    static String[] client;
    static String genuine;
    static SignedJWT genuineJwt;
    static JWTClaimsSet genuineClaims;
    static String kid;
    static RSAKey serverPublic;
    static RSAKey serverPrivate;
    static RSAKey attacker;
    static HttpServer attackerHost;
    static final AtomicInteger attackerHits = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        dbUrl = TestServer.memoryDb();
        // A master key in a file, so that this test can read the server's private signing key as an attacker with the database could.
        MasterKeyConfig masterKey = MasterKeyConfig.ofFile(dir.resolve("master.key"));
        server = TestServer.start(ServerConfig.defaults("127.0.0.1", 0, dbUrl)
                .withBootstrapFile(dir.resolve("boot.json")).withMasterKey(masterKey));
        ws = Workspace.of(server, dir.resolve("boot.json"));
        source = ws.source("forged");
        client = ws.client("[\"*\"]");
        genuine = ws.token(client[0], client[1]);
        genuineJwt = SignedJWT.parse(genuine);
        genuineClaims = genuineJwt.getJWTClaimsSet();
        kid = genuineJwt.getHeader().getKeyID();
        serverPublic = JWKSet.parse(server.get("/.well-known/jwks.json", null).body()).getKeyByKeyId(kid).toRSAKey();
        try (Database db = Database.open(dbUrl, "", "")) {
            String json = MasterKeys.openSigningKeys(db, masterKey, dbUrl, false, new java.security.SecureRandom()).findAll().stream().filter(k -> k.kid().equals(kid)).findFirst().orElseThrow()
                    .privateJwkJson();
            serverPrivate = RSAKey.parse(json);
        }
        attacker = new RSAKeyGenerator(2048).keyID("attacker").generate();
        attackerHost = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        attackerHost.createContext("/", exchange -> {
            attackerHits.incrementAndGet();
            byte[] body = new JWKSet(attacker.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        attackerHost.start();
    }

    @AfterAll
    static void stop() {
        attackerHost.stop(0);
        server.close();
    }

    // ----- the cases -----

    static Stream<Named<Supplier<String>>> forgedCredentials() {
        List<Named<Supplier<String>>> cases = new ArrayList<>();
        // signatures and algorithms
        cases.add(named("alg none (unsecured JWT)", () -> new PlainJWT(genuineClaims).serialize()));
        cases.add(named("alg none with typ at+jwt and the server's kid", () ->
                raw("{\"alg\":\"none\",\"typ\":\"at+jwt\",\"kid\":\"" + kid + "\"}", payloadJson(), "")));
        cases.add(named("alg NONE in upper case", () -> raw("{\"alg\":\"NONE\",\"typ\":\"at+jwt\"}", payloadJson(), "")));
        cases.add(named("alg None with the genuine signature kept", () ->
                raw("{\"alg\":\"None\",\"typ\":\"at+jwt\",\"kid\":\"" + kid + "\"}", payloadJson(),
                        genuine.substring(genuine.lastIndexOf('.') + 1))));
        cases.add(named("HS256 keyed with the server's public key as PEM (algorithm confusion)", () ->
                hmac(pem(serverPublic), kid)));
        cases.add(named("HS256 keyed with the server's public key as DER", () -> hmac(der(serverPublic), kid)));
        cases.add(named("HS256 keyed with the server's public JWK as JSON", () ->
                hmac(serverPublic.toJSONString().getBytes(StandardCharsets.UTF_8), kid)));
        cases.add(named("HS256 keyed with the server's modulus", () -> hmac(serverPublic.getModulus().decode(), kid)));
        cases.add(named("an unknown kid", () -> sign(attacker, header(JWSAlgorithm.RS256).keyID("no-such-key"), genuineClaims)));
        cases.add(named("the server's kid, signed with another key", () ->
                sign(attacker, header(JWSAlgorithm.RS256).keyID(kid), genuineClaims)));
        cases.add(named("a kid with path traversal, HMAC with an empty key", () ->
                hmacRaw("{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"kid\":\"../../../../../../dev/null\"}", new byte[1])));
        cases.add(named("a kid with path traversal, signed with another key", () ->
                sign(attacker, header(JWSAlgorithm.RS256).keyID("../../../../etc/passwd"), genuineClaims)));
        cases.add(named("a kid with SQL", () ->
                sign(attacker, header(JWSAlgorithm.RS256).keyID("x' UNION SELECT '" + kid + "' --"), genuineClaims)));
        cases.add(named("a kid with SQL that is always true", () ->
                sign(attacker, header(JWSAlgorithm.RS256).keyID("' OR '1'='1"), genuineClaims)));
        cases.add(named("jku pointing to the attacker's JWKS", () ->
                sign(attacker, header(JWSAlgorithm.RS256).keyID("attacker").jwkURL(attackerUrl("/jwks.json")), genuineClaims)));
        cases.add(named("jku pointing to the attacker's JWKS, with the server's kid", () ->
                sign(attacker.toRSAKey(), header(JWSAlgorithm.RS256).keyID(kid).jwkURL(attackerUrl("/jwks.json")), genuineClaims)));
        cases.add(named("x5u pointing to the attacker's certificate", () ->
                sign(attacker, header(JWSAlgorithm.RS256).keyID("attacker").x509CertURL(attackerUrl("/cert.pem")), genuineClaims)));
        cases.add(named("an embedded jwk of the attacker", () ->
                sign(attacker, header(JWSAlgorithm.RS256).keyID("attacker").jwk(attacker.toPublicJWK()), genuineClaims)));
        cases.add(named("an embedded jwk of the attacker under the server's kid", () ->
                sign(attacker, header(JWSAlgorithm.RS256).keyID(kid).jwk(new RSAKey.Builder(attacker.toRSAPublicKey())
                        .keyID(kid).build()), genuineClaims)));
        cases.add(named("ES256 with an attacker's EC key and embedded jwk", () -> {
            ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("ec").generate();
            SignedJWT jwt = new SignedJWT(header(JWSAlgorithm.ES256).keyID("ec").jwk(ec.toPublicJWK()).build(), genuineClaims);
            jwt.sign(new ECDSASigner(ec));
            return jwt.serialize();
        }));
        cases.add(named("RS512 signed with the server's own key (not the policy's RS256)", () ->
                sign(serverPrivate, header(JWSAlgorithm.RS512).keyID(kid), genuineClaims)));
        cases.add(named("PS256 signed with the server's own key", () ->
                sign(serverPrivate, header(JWSAlgorithm.PS256).keyID(kid), genuineClaims)));
        cases.add(named("a tampered payload (scope and subject changed)", () -> {
            String[] parts = genuine.split("\\.");
            String payload = payloadJson().replace(client[0], "gtc_someoneelse");
            return parts[0] + "." + b64(payload.replace("\"scope\":\"", "\"scope\":\"* ")) + "." + parts[2];
        }));
        cases.add(named("a tampered signature (one bit flipped)", () -> {
            byte[] signature = genuineJwt.getSignature().decode();
            signature[signature.length / 2] ^= 0x01;
            return genuine.substring(0, genuine.lastIndexOf('.') + 1) + Base64URL.encode(signature);
        }));
        cases.add(named("a signature from another token of the same server", () -> {
            String other = ws.token(client[0], client[1]);
            return genuine.substring(0, genuine.lastIndexOf('.')) + other.substring(other.lastIndexOf('.'));
        }));
        cases.add(named("a truncated token (signature cut short)", () -> genuine.substring(0, genuine.length() - 10)));
        cases.add(named("a truncated token (signature removed)", () -> genuine.substring(0, genuine.lastIndexOf('.') + 1)));
        cases.add(named("a truncated token (header and payload only)", () -> genuine.substring(0, genuine.lastIndexOf('.'))));
        cases.add(named("a five-part token (JWE-shaped)", () -> genuine + ".AAAA.BBBB"));
        cases.add(named("a real JWE encrypted to the server's public key", () -> {
            JWEObject jwe = new JWEObject(new JWEHeader.Builder(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM)
                    .keyID(kid).contentType("JWT").build(), new Payload(genuine));
            jwe.encrypt(new RSAEncrypter(serverPublic));
            return jwe.serialize();
        }));
        cases.add(named("unencoded payload (b64 false, RFC 7797)", () ->
                rsaRaw("{\"alg\":\"RS256\",\"typ\":\"at+jwt\",\"kid\":\"" + kid + "\",\"b64\":false,\"crit\":[\"b64\"]}",
                        payloadJson())));
        // claims, with the server's own signature
        cases.add(named("expired", () -> signed(claims().expirationTime(ago(60)).issueTime(ago(3600)).notBeforeTime(ago(3600)))));
        cases.add(named("expired a second ago", () -> signed(claims().expirationTime(ago(1)).issueTime(ago(3600)).notBeforeTime(ago(3600)))));
        cases.add(named("nbf in the future beyond the skew", () -> signed(claims().notBeforeTime(ahead(600)))));
        cases.add(named("iat in the future beyond the skew", () -> signed(claims().issueTime(ahead(300)))));
        cases.add(named("a wrong iss", () -> signed(claims().issuer("https://evil.example"))));
        cases.add(named("a wrong aud", () -> signed(claims().audience("https://evil.example"))));
        cases.add(named("no aud", () -> signed(claims().audience((String) null))));
        cases.add(named("a wrong typ (JWT instead of at+jwt)", () ->
                sign(serverPrivate, new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(kid), genuineClaims)));
        cases.add(named("no typ", () -> sign(serverPrivate, new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid), genuineClaims)));
        cases.add(named("a required claim missing (jti)", () -> signed(claims().jwtID(null))));
        cases.add(named("the workspace of another client", () -> signed(claims().claim("workspace_id", "o_" + "A".repeat(7)))));
        cases.add(named("a client generation that wraps around an int", () -> signed(claims().claim("client_gen", 1L << 32))));
        cases.add(named("a malformed scope claim", () -> signed(claims().claim("scope", "workspace:read  *"))));
        cases.add(named("exp as a string", () -> signed(claims().claim("exp", "99999999999"))));
        // malformed
        cases.add(named("more than 8 KiB, validly signed", () -> signed(claims().claim("padding", "x".repeat(9000)))));
        cases.add(named("more than 8 KiB of nothing", () -> "a".repeat(9000)));
        cases.add(named("not base64", () -> "!!!!.@@@@.####"));
        cases.add(named("standard base64 with padding instead of base64url", () -> {
            String[] parts = genuine.split("\\.");
            return Stream.of(parts).map(p -> Base64.getEncoder().encodeToString(Base64.getUrlDecoder().decode(p)))
                    .reduce((a, b) -> a + "." + b).orElseThrow();
        }));
        cases.add(named("a header that is not JSON", () -> b64("alg=RS256") + "." + b64(payloadJson()) + ".c2ln"));
        cases.add(named("duplicate alg in the header", () ->
                rsaRaw("{\"alg\":\"none\",\"typ\":\"at+jwt\",\"kid\":\"" + kid + "\",\"alg\":\"RS256\"}", payloadJson())));
        cases.add(named("duplicate typ in the header", () ->
                rsaRaw("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\",\"typ\":\"at+jwt\"}", payloadJson())));
        cases.add(named("duplicate scope in the payload", () -> {
            String payload = payloadJson();
            return rsaRaw(headerJson(), payload.substring(0, payload.length() - 1) + ",\"scope\":\"*\"}");
        }));
        cases.add(named("duplicate sub in the payload", () -> {
            String payload = payloadJson();
            return rsaRaw(headerJson(), payload.substring(0, payload.length() - 1) + ",\"sub\":\"gtc_other\"}");
        }));
        cases.add(named("an unknown crit header", () ->
                rsaRaw("{\"alg\":\"RS256\",\"typ\":\"at+jwt\",\"kid\":\"" + kid + "\",\"crit\":[\"x-must\"],\"x-must\":1}",
                        payloadJson())));
        cases.add(named("a JSON nesting bomb in the header", () ->
                b64("{\"alg\":\"RS256\",\"x\":" + "[".repeat(2000) + "]".repeat(2000) + "}") + "." + b64(payloadJson()) + ".c2ln"));
        // credentials that were once valid, or are the wrong kind
        cases.add(named("a token of a deleted client", () -> {
            String[] doomed = ws.client("[\"*\"]");
            String token = ws.token(doomed[0], doomed[1]);
            String id = server.get("/v1/workspaces/" + ws.orgId + "/oauth_clients", ws.apiKey).json().get("data")
                    .findParents("client_id").stream().filter(c -> c.get("client_id").asText().equals(doomed[0]))
                    .findFirst().orElseThrow().get("id").asText();
            assertThat(server.delete("/v1/workspaces/" + ws.orgId + "/oauth_clients/" + id, ws.apiKey).status()).isEqualTo(204);
            return token;
        }));
        cases.add(named("a revoked jti (RFC 7009)", () -> {
            String token = ws.token(client[0], client[1]);
            TestServer.Response revoked = server.postForm("/v1/oauth/revoke", "token=" + token, Workspace.basic(client[0], client[1]));
            assertThat(revoked.status()).isEqualTo(200);
            return token;
        }));
        cases.add(named("an API key with a bad checksum", () -> {
            char last = ws.apiKey.charAt(ws.apiKey.length() - 1);
            return ws.apiKey.substring(0, ws.apiKey.length() - 1) + (last == 'A' ? 'B' : 'A');
        }));
        cases.add(named("a client secret used as a bearer", () -> client[1]));
        cases.add(named("a client id used as a bearer", () -> client[0]));
        cases.add(named("Basic credentials used as a bearer", () -> Workspace.basic(client[0], client[1]).substring(6)));
        cases.add(named("a genuine token with a second token appended", () -> genuine + " " + genuine));
        cases.add(named("a genuine token wrapped in quotes", () -> "\"" + genuine + "\""));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgedCredentials")
    void forgedCredentialIs401InvalidTokenOnEveryKindOfRoute(Supplier<String> forge) {
        String credential = forge.get();
        assertInvalidTokenEverywhere("Bearer " + credential);
        assertThat(attackerHits).as("the attacker's key host was asked for a key").hasValue(0);
    }

    @Test
    void genuineTokenIsAcceptedOnTheSameRoutes() {
        for (String path : routes()) {
            Answer answer = call(path, List.of("Bearer " + genuine), Map.of());
            assertThat(answer.status()).as(path).isEqualTo(200);
        }
    }

    @Test
    void tokenSignedTheServersWayInTheTestIsAccepted() {
        // the claims cases above are only meaningful if a token the test signs with the server's key would pass
        String token = signed(claims());
        assertThat(call("/v1/workspaces/" + ws.orgId, List.of("Bearer " + token), Map.of()).status()).isEqualTo(200);
    }

    @Test
    void applicationAtJwtTypeIsAcceptedLikeAtJwt() {
        // RFC 9068 §4: a resource server accepts typ "at+jwt" or "application/at+jwt"
        String token = sign(serverPrivate, new JWSHeader.Builder(JWSAlgorithm.RS256).type(new JOSEObjectType("application/at+jwt"))
                .keyID(kid), genuineClaims);
        assertThat(call("/v1/workspaces/" + ws.orgId, List.of("Bearer " + token), Map.of()).status()).isEqualTo(200);
    }

    @Test
    void schemeIsCaseInsensitiveAndExtraSpacesAreTolerated() {
        // RFC 7235 §2.1: the auth-scheme is case-insensitive, and 1*SP separates it from the credential
        for (String header : List.of("bearer " + genuine, "BEARER " + genuine, "Bearer   " + genuine)) {
            assertThat(call("/v1/workspaces/" + ws.orgId, List.of(header), Map.of()).status()).as(header).isEqualTo(200);
        }
    }

    @Test
    void aCaseVariantOfAGenuineCredentialIs401EvenOnTheConnectionThatJustSentTheGenuineOne() throws IOException {
        // Jetty's default per-connection header cache matched header values without regard to case, so that a variant
        // sent after the genuine credential on the same connection was read as the genuine one
        for (String genuineCredential : List.of(genuine, ws.apiKey)) {
            int at = genuineCredential.length() - 12;
            char c = genuineCredential.charAt(at);
            while (!Character.isLetter(c)) {
                c = genuineCredential.charAt(--at);
            }
            char flipped = Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c);
            String variant = genuineCredential.substring(0, at) + flipped + genuineCredential.substring(at + 1);
            String path = "/v1/workspaces/" + ws.orgId;
            URI base = URI.create(server.base);
            try (Socket socket = new Socket(base.getHost(), base.getPort())) {
                socket.setSoTimeout(10_000);
                InputStream in = socket.getInputStream();
                assertThat(exchange(socket, in, path, genuineCredential)).isEqualTo(200);
                assertThat(exchange(socket, in, path, variant)).as("a case variant on the same connection").isEqualTo(401);
                assertThat(exchange(socket, in, path, genuineCredential)).isEqualTo(200);
            }
        }
    }

    /** One GET on a kept-alive connection; answers the status, having read the whole response. */
    private static int exchange(Socket socket, InputStream in, String path, String credential) throws IOException {
        String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + credential + "\r\n\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        String status = readLine(in);
        int length = 0;
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Integer.parseInt(line.substring(15).strip());
            }
        }
        in.readNBytes(length);
        return Integer.parseInt(status.split(" ")[1]);
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the connection closed mid-response");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    @Test
    void bearerWithoutCredentialIs401InvalidToken() {
        assertInvalidTokenEverywhere("Bearer");
    }

    @Test
    void twoAuthorizationHeadersAre401InvalidTokenWhicheverComesFirst() {
        String forged = sign(attacker, header(JWSAlgorithm.RS256).keyID(kid), genuineClaims);
        for (List<String> headers : List.of(List.of("Bearer " + genuine, "Bearer " + forged),
                List.of("Bearer " + forged, "Bearer " + genuine), List.of("Bearer " + genuine, "Bearer " + genuine))) {
            for (String path : routes()) {
                assertInvalidToken(path, call(path, headers, Map.of()));
            }
        }
    }

    @Test
    void otherSchemesAndMalformedHeadersGetTheBareChallenge() {
        // not a Bearer credential at all: RFC 6750 §3.1 says to answer without an error code
        for (String header : List.of("Basic " + genuine, "Bearer\t" + genuine, "Token " + genuine, genuine, "Bearer:" + genuine)) {
            for (String path : routes()) {
                Answer answer = call(path, List.of(header), Map.of());
                assertThat(answer.status()).as(header + " on " + path).isEqualTo(401);
                assertThat(answer.challenge()).as(header).isEqualTo(CHALLENGE);
                assertThat(answer.json().get("error").isTextual()).isTrue();
            }
        }
    }

    @Test
    void attackerKeyHostIsNeverContactedEvenWhenTheTokenNamesItOnEachRoute() {
        String viaJku = sign(attacker, header(JWSAlgorithm.RS256).keyID("attacker").jwkURL(attackerUrl("/jwks.json")), genuineClaims);
        String viaX5u = sign(attacker, header(JWSAlgorithm.RS256).keyID("attacker").x509CertURL(attackerUrl("/x.pem")), genuineClaims);
        assertInvalidTokenEverywhere("Bearer " + viaJku);
        assertInvalidTokenEverywhere("Bearer " + viaX5u);
        assertThat(attackerHits).hasValue(0);
        // and the host does answer, so a fetch would have been seen
        assertThat(get(attackerUrl("/jwks.json").toString())).contains(attacker.getModulus().toString());
        attackerHits.set(0);
    }

    // ----- asserting -----

    private static List<String> routes() {
        return List.of("/v1/connect/projects", "/v1/workspaces/" + ws.orgId, "/v1/sources/" + source + "/sse");
    }

    private static void assertInvalidTokenEverywhere(String authorization) {
        for (String path : routes()) {
            assertInvalidToken(path, call(path, List.of(authorization), Map.of()));
        }
    }

    private static void assertInvalidToken(String path, Answer answer) {
        assertThat(answer.status()).as("%s: %s", path, answer.body()).isEqualTo(401);
        assertThat(answer.challenge()).as(path)
                .matches("Bearer realm=\"gatehouse\", error=\"invalid_token\", error_description=\"[\\x20\\x21\\x23-\\x5b\\x5d-\\x7e]+\"");
        assertThat(answer.contentType()).as(path).startsWith("application/json");
        JsonNode body = answer.json();
        assertThat(body).as(path).isInstanceOf(ObjectNode.class);
        assertThat(body.get("error").isTextual()).as(path).isTrue();
        assertThat(body.get("error").asText()).as(path).isNotBlank();
    }

    record Answer(int status, String challenge, String contentType, String body) {
        JsonNode json() {
            try {
                return TestServer.JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    /** One GET; a stream that opens (200) is closed at once, so an accepted forgery fails the test instead of hanging it. */
    private static Answer call(String path, List<String> authorizations, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.base + path)).timeout(Duration.ofSeconds(10)).GET();
        authorizations.forEach(value -> request.header("Authorization", value));
        headers.forEach(request::header);
        try {
            HttpResponse<InputStream> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            String body;
            try (InputStream in = response.body()) {
                body = response.statusCode() == 200 && path.endsWith("/sse") ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            return new Answer(response.statusCode(), response.headers().firstValue("WWW-Authenticate").orElse(null),
                    response.headers().firstValue("Content-Type").orElse(""), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String get(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ----- forging -----

    private static Named<Supplier<String>> named(String name, ThrowingSupplier forge) {
        return Named.of(name, () -> {
            try {
                return forge.get();
            } catch (Exception e) {
                throw new IllegalStateException("cannot forge: " + name, e);
            }
        });
    }

    @FunctionalInterface
    interface ThrowingSupplier {
        String get() throws Exception;
    }

    private static JWSHeader.Builder header(JWSAlgorithm algorithm) {
        return new JWSHeader.Builder(algorithm).type(new JOSEObjectType("at+jwt"));
    }

    private static String sign(RSAKey key, JWSHeader.Builder header, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(header.build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The genuine token's claims, to change one at a time, with fresh times and jti. */
    private static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder(genuineClaims).issueTime(ago(5)).notBeforeTime(ago(5)).expirationTime(ahead(600))
                .jwtID("forged-" + System.nanoTime());
    }

    private static String signed(JWTClaimsSet.Builder claims) {
        return sign(serverPrivate, header(JWSAlgorithm.RS256).keyID(kid), claims.build());
    }

    private static Date ago(long seconds) {
        return Date.from(Instant.now().minusSeconds(seconds));
    }

    private static Date ahead(long seconds) {
        return Date.from(Instant.now().plusSeconds(seconds));
    }

    private static String hmac(byte[] secret, String keyId) throws Exception {
        SignedJWT jwt = new SignedJWT(header(JWSAlgorithm.HS256).keyID(keyId).build(), genuineClaims);
        jwt.sign(new MACSigner(secret));
        return jwt.serialize();
    }

    /** HMAC-SHA256 over a raw header; a one-byte zero key is the same HMAC as an empty key. */
    private static String hmacRaw(String headerJson, byte[] key) throws Exception {
        String input = b64(headerJson) + "." + b64(payloadJson());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return input + "." + Base64URL.encode(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    }

    /** RS256 with the server's private key over exactly this header and payload text. */
    private static String rsaRaw(String headerJson, String payload) throws Exception {
        String input = b64(headerJson) + "." + b64(payload);
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(serverPrivate.toRSAPrivateKey());
        signature.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + Base64URL.encode(signature.sign());
    }

    private static String raw(String headerJson, String payload, String signature) {
        return b64(headerJson) + "." + b64(payload) + "." + signature;
    }

    private static String headerJson() {
        return "{\"alg\":\"RS256\",\"typ\":\"at+jwt\",\"kid\":\"" + kid + "\"}";
    }

    /** The claims of a live token as JSON text, for the cases that write JSON by hand. */
    private static String payloadJson() {
        return claims().build().toString();
    }

    private static String b64(String text) {
        return Base64URL.encode(text.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static byte[] der(RSAKey key) throws Exception {
        return key.toRSAPublicKey().getEncoded();
    }

    private static byte[] pem(RSAKey key) throws Exception {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der(key));
        return ("-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static URI attackerUrl(String path) {
        return URI.create("http://127.0.0.1:" + attackerHost.getAddress().getPort() + path);
    }
}
