package dev.gatehouse.archfixture.nimbusleak.adapter.out.jose;

import com.nimbusds.jose.JWSAlgorithm;

/** Fixture: nimbus inside the JOSE adapter, which is allowed. */
public final class NimbusSigner {

    JWSAlgorithm algorithm = JWSAlgorithm.RS256;
}
