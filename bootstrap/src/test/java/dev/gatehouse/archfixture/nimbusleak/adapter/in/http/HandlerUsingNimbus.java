package dev.gatehouse.archfixture.nimbusleak.adapter.in.http;

import com.nimbusds.jose.jwk.JWKSet;

/** Fixture, breaks nimbus confinement: the HTTP adapter renders a JWK set with nimbus directly. */
public final class HandlerUsingNimbus {

    JWKSet keys;
}
