package dev.gatehouse.archfixture.persistencedependents.adapter.in.http;

import dev.gatehouse.archfixture.persistencedependents.adapter.out.persistence.JdbiRepository;

/** Fixture, breaks adapter isolation: the HTTP adapter calls the persistence adapter directly. */
public final class HandlerUsingPersistence {

    Object handle() {
        return JdbiRepository.create();
    }
}
