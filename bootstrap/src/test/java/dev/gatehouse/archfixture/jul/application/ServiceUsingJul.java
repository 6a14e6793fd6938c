package dev.gatehouse.archfixture.jul.application;

import java.util.logging.Logger;

/** Fixture, logs through java.util.logging. */
public final class ServiceUsingJul {

    private static final Logger LOG = Logger.getLogger(ServiceUsingJul.class.getName());

    void run() {
        LOG.info("run");
    }
}
