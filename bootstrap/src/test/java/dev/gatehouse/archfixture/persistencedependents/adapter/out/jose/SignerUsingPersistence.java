package dev.gatehouse.archfixture.persistencedependents.adapter.out.jose;

import dev.gatehouse.archfixture.persistencedependents.adapter.out.persistence.JdbiRepository;

/** Fixture, breaks adapter isolation: the JOSE adapter sees the persistence adapter. */
public final class SignerUsingPersistence {

    SignerUsingPersistence(JdbiRepository keys) {
    }
}
