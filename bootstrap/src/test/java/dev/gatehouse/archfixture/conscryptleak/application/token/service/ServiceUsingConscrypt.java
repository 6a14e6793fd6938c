package dev.gatehouse.archfixture.conscryptleak.application.token.service;

import org.conscrypt.Conscrypt;

/** Fixture, breaks Conscrypt confinement: a use case asks which crypto provider is there. */
public final class ServiceUsingConscrypt {

    boolean fast() {
        return Conscrypt.isAvailable();
    }
}
