package dev.gatehouse.archfixture.clean.domain.widget;

/** Fixture: an enum, switched over in {@link Widget}. */
public enum Kind {
    SMALL,
    LARGE
}
