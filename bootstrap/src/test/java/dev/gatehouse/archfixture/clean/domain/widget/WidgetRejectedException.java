package dev.gatehouse.archfixture.clean.domain.widget;

/** Fixture: a specific exception whose constructor calls RuntimeException's, which is not a generic throw. */
public final class WidgetRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public WidgetRejectedException(String message) {
        super(message);
    }
}
