package dev.gatehouse.archfixture.conscryptleak.adapter.out.jose;

import java.security.Provider;
import org.conscrypt.Conscrypt;

/** Fixture, abides by the rule: the JOSE adapter loads Conscrypt. */
public final class ConscryptSigner {

    Provider provider() {
        return Conscrypt.newProvider();
    }
}
