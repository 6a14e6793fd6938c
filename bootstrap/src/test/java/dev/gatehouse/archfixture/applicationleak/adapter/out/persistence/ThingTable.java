package dev.gatehouse.archfixture.applicationleak.adapter.out.persistence;

/** Fixture: an adapter type the application must not see. */
public final class ThingTable {
}
