package dev.gatehouse.archfixture.bootstrapleak.domain;

import dev.gatehouse.archfixture.bootstrapleak.bootstrap.Settings;

/** Fixture, breaks the outermost-ring rule: the domain reads bootstrap settings. */
public final class EntityUsingBootstrap {

    String issuer() {
        return Settings.issuer();
    }
}
