package dev.gatehouse.archfixture.clean.client;

import com.nimbusds.jose.jwk.JWKSet;
import io.javalin.http.Handler;

/** Fixture, allowed: the client library sits outside the hexagon and may use nimbus and Javalin. */
public final class LibraryUsingNimbusAndJavalin {

    JWKSet keys;
    Handler handler;
}
