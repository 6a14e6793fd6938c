package dev.gatehouse.archfixture.nimbusleak.application.token.service;

import com.nimbusds.jwt.JWTClaimsSet;

/** Fixture, breaks nimbus confinement: a use case builds JWT claims itself. */
public final class ServiceUsingNimbus {

    JWTClaimsSet claims() {
        return new JWTClaimsSet.Builder().subject("s").build();
    }
}
