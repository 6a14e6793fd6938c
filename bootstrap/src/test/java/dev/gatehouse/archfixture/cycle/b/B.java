package dev.gatehouse.archfixture.cycle.b;

import dev.gatehouse.archfixture.cycle.a.A;

/** Fixture, the other half of a cycle between sibling packages. */
public final class B {

    A a;
}
