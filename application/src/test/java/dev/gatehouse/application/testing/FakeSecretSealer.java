package dev.gatehouse.application.testing;

import dev.gatehouse.application.token.port.out.SecretSealer;
import dev.gatehouse.application.token.port.out.UnreadableSecretException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A {@link SecretSealer} for use-case and fake-repository tests: it hides nothing (the plaintext is only
 * base64), but it behaves like the real one where tests can see it: a value opens only under the same
 * named master key and context, and any change to it is detected.
 */
public final class FakeSecretSealer implements SecretSealer {

    private final String masterKey;

    public FakeSecretSealer(String masterKey) {
        this.masterKey = Objects.requireNonNull(masterKey, "masterKey");
    }

    @Override
    public String seal(String plaintext, String context) {
        String body = Base64.getEncoder().encodeToString(plaintext.getBytes(StandardCharsets.UTF_8));
        return "fake." + masterKey + "." + body + "." + tag(context, body);
    }

    @Override
    public String open(String sealed, String context) {
        String[] parts = sealed.split("\\.", -1);
        if (parts.length != 4 || !parts[0].equals("fake")) {
            throw new UnreadableSecretException("the secret for " + context + " is not a sealed value");
        }
        if (!parts[1].equals(masterKey)) {
            throw new UnreadableSecretException("the secret for " + context + " was sealed under another master key (id "
                    + parts[1] + "), not this one (id " + masterKey + ")", true);
        }
        if (!MessageDigest.isEqual(parts[3].getBytes(StandardCharsets.UTF_8), tag(context, parts[2]).getBytes(StandardCharsets.UTF_8))) {
            throw new UnreadableSecretException("the secret for " + context + " failed its integrity check");
        }
        try {
            return new String(Base64.getDecoder().decode(parts[2]), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new UnreadableSecretException("the secret for " + context + " is corrupt");
        }
    }

    @Override
    public String masterKeyId() {
        return masterKey;
    }

    private String tag(String context, String body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((masterKey + "\n" + context + "\n" + body).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
