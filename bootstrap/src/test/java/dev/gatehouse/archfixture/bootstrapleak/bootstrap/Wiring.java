package dev.gatehouse.archfixture.bootstrapleak.bootstrap;

import dev.gatehouse.archfixture.bootstrapleak.domain.EntityUsingBootstrap;

/** Fixture: bootstrap depending on inner rings, which is allowed. */
public final class Wiring {

    EntityUsingBootstrap entity;
}
