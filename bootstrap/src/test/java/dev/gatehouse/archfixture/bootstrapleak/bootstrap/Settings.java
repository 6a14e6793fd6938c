package dev.gatehouse.archfixture.bootstrapleak.bootstrap;

/** Fixture: a bootstrap type nobody else may see. */
public final class Settings {

    public static final String ISSUER = "https://issuer.example";

    public static String issuer() {
        return ISSUER + "/";
    }
}
