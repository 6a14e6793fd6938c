package dev.gatehouse.archfixture.persistencecoupling.adapter.out.jose;

/** Fixture: a JOSE adapter type. */
public final class KeyCodec {
}
