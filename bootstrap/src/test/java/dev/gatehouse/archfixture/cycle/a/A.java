package dev.gatehouse.archfixture.cycle.a;

import dev.gatehouse.archfixture.cycle.b.B;

/** Fixture, half of a cycle between sibling packages. */
public final class A {

    B b;
}
