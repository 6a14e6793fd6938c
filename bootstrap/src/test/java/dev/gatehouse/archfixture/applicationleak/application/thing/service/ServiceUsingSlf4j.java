package dev.gatehouse.archfixture.applicationleak.application.thing.service;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Fixture, breaks the application whitelist with a library that no blacklist rule names. */
public final class ServiceUsingSlf4j {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceUsingSlf4j.class);

    void run() {
        LOG.info("run");
    }
}
