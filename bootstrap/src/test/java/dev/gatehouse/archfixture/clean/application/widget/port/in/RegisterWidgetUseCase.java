package dev.gatehouse.archfixture.clean.application.widget.port.in;

import dev.gatehouse.archfixture.clean.domain.widget.Widget;

/** Fixture: an incoming port. */
public interface RegisterWidgetUseCase {

    Widget register(RegisterWidgetCommand command);
}
