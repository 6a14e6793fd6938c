package dev.gatehouse.archfixture.clean.domain.widget;

import java.util.Objects;

/** Fixture: a value object that validates in its compact constructor. */
public record WidgetId(String value) {

    public WidgetId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("blank widget id");
        }
    }
}
