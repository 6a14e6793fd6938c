package dev.gatehouse.archfixture.bootstrapleak.adapter.in.http;

import dev.gatehouse.archfixture.bootstrapleak.bootstrap.Settings;

/** Fixture, breaks the outermost-ring rule: an adapter depends on bootstrap. */
public final class HandlerUsingBootstrap {

    Settings settings;
}
