package dev.gatehouse.archfixture.clean.application.widget.port.out;

import dev.gatehouse.archfixture.clean.domain.widget.Widget;

/** Fixture: an outgoing port named by capability. */
public interface WidgetRepository {

    void save(Widget widget);
}
