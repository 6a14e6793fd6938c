package dev.gatehouse.archfixture.domainleak.domain;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Fixture, breaks the domain whitelist with a library that no blacklist rule names. */
public final class EntityUsingJackson {

    String toJson(Object value) throws Exception {
        return new ObjectMapper().writeValueAsString(value);
    }
}
