package dev.gatehouse.archfixture.conscryptleak.bootstrap;

import java.security.Security;
import org.conscrypt.Conscrypt;

/** Fixture, breaks Conscrypt confinement: the wiring registers Conscrypt for the whole JVM. */
public final class WiringUsingConscrypt {

    void register() {
        Security.insertProviderAt(Conscrypt.newProvider(), 1);
    }
}
