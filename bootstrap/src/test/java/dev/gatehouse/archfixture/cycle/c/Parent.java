package dev.gatehouse.archfixture.cycle.c;

import dev.gatehouse.archfixture.cycle.c.child.Child;

/** Fixture, half of a cycle between a package and its sub-package. */
public final class Parent {

    Child child;
}
