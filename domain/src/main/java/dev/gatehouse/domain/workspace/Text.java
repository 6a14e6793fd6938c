package dev.gatehouse.domain.workspace;

/** Checks for the short human-readable strings of the model: names, emails, user names. */
public final class Text {

    private Text() {}

    /** Returns {@code value} stripped when it is 1 to {@code max} characters without control characters. */
    public static String requireName(String value, String what, int max) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        String stripped = value.strip();
        if (stripped.length() > max) {
            throw new IllegalArgumentException(what + " must be at most " + max + " characters");
        }
        if (stripped.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(what + " must not contain control characters");
        }
        return stripped;
    }

    /** Returns {@code value} when it looks like an email address: one {@code @}, no spaces, at most 254 characters. */
    public static String requireEmail(String value) {
        String email = requireName(value, "email", 254);
        int at = email.indexOf('@');
        if (at <= 0 || at != email.lastIndexOf('@') || at == email.length() - 1 || email.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("email must look like name@example.com");
        }
        return email;
    }
}
