package dev.gatehouse.archfixture.domainleak.domain;

import dev.gatehouse.archfixture.domainleak.application.SomeUseCase;

/** Fixture, breaks the domain whitelist: the domain reaches out to the application ring. */
public final class EntityUsingApplication {

    SomeUseCase useCase;
}
