package dev.gatehouse.domain.scope;

/**
 * One OAuth scope token. {@code *} grants everything, and a token ending in {@code :*} grants every
 * scope under its prefix, so {@code connect:*} grants {@code connect:projects:read}.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-3.3">RFC 6749 §3.3</a>
 */
public record Scope(String value) {

    public static final Scope ALL = new Scope("*");
    private static final String WILDCARD_SUFFIX = ":*";
    private static final int MAX_LENGTH = 200;

    public Scope {
        if (!isValidToken(value)) {
            throw new IllegalArgumentException("a scope is 1 to " + MAX_LENGTH
                    + " printable ASCII characters other than space, '\"' and '\\'");
        }
    }

    /** RFC 6749 §3.3: {@code scope-token = 1*( %x21 / %x23-5B / %x5D-7E )}, with a length limit of ours. */
    public static boolean isValidToken(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean nqchar = c == 0x21 || (c >= 0x23 && c <= 0x5B) || (c >= 0x5D && c <= 0x7E);
            if (!nqchar) {
                return false;
            }
        }
        return true;
    }

    public boolean isWildcard() {
        return equals(ALL) || value.endsWith(WILDCARD_SUFFIX);
    }

    /** Whether holding this scope grants {@code other}. */
    public boolean grants(Scope other) {
        if (equals(ALL) || equals(other)) {
            return true;
        }
        if (value.endsWith(WILDCARD_SUFFIX)) {
            String prefix = value.substring(0, value.length() - 1);
            return other.value.startsWith(prefix) && other.value.length() > prefix.length();
        }
        return false;
    }

    @Override
    public String toString() {
        return value;
    }
}
