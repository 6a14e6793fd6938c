package dev.gatehouse.archfixture.domainleak.application;

/** Fixture: an application type the domain must not see. */
public interface SomeUseCase {
}
