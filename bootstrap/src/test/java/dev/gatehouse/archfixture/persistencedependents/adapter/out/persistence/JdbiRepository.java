package dev.gatehouse.archfixture.persistencedependents.adapter.out.persistence;

/** Fixture: a persistence adapter type. */
public final class JdbiRepository {

    public static JdbiRepository create() {
        return new JdbiRepository();
    }
}
