package dev.gatehouse.archfixture.domainleak.domain;

import javax.crypto.Mac;

/** Fixture, breaks the domain whitelist: javax.* is not java.*. */
public final class EntityUsingJavaxCrypto {

    Mac mac;
}
