package dev.gatehouse.archfixture.applicationleak.application.thing.service;

import dev.gatehouse.archfixture.applicationleak.adapter.out.persistence.ThingTable;
import dev.gatehouse.archfixture.applicationleak.domain.Thing;

/** Fixture, breaks the application whitelist: a service reaches into an adapter. */
public final class ServiceUsingAdapter {

    Thing thing;
    ThingTable table;
}
