package dev.gatehouse.archfixture.persistencecoupling.adapter.out.persistence;

import dev.gatehouse.archfixture.persistencecoupling.adapter.out.jose.KeyCodec;

/** Fixture, breaks adapter isolation: persistence sees the JOSE adapter. */
public final class RepositoryUsingJoseAdapter {

    KeyCodec codec = new KeyCodec();
}
