package dev.gatehouse.archfixture.cycle.c.child;

import dev.gatehouse.archfixture.cycle.c.Parent;

/** Fixture, the other half of a cycle between a package and its sub-package. */
public final class Child {

    Parent parent;
}
