package dev.gatehouse.archfixture.persistencecoupling.adapter.out.persistence;

import dev.gatehouse.archfixture.persistencecoupling.adapter.in.http.ErrorRenderer;

/** Fixture, breaks adapter isolation: persistence sees the HTTP adapter. */
public final class RepositoryUsingHttpAdapter {

    ErrorRenderer renderer;
}
