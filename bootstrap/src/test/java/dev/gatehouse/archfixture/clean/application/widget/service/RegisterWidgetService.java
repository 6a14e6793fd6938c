package dev.gatehouse.archfixture.clean.application.widget.service;

import dev.gatehouse.archfixture.clean.application.widget.port.in.RegisterWidgetCommand;
import dev.gatehouse.archfixture.clean.application.widget.port.in.RegisterWidgetUseCase;
import dev.gatehouse.archfixture.clean.application.widget.port.out.WidgetRepository;
import dev.gatehouse.archfixture.clean.domain.widget.Widget;
import dev.gatehouse.archfixture.clean.domain.widget.WidgetId;
import java.time.Clock;

/** Fixture: a use-case implementation that depends on ports, the domain and the JDK only. */
public final class RegisterWidgetService implements RegisterWidgetUseCase {

    private final WidgetRepository widgets;
    private final Clock clock;

    public RegisterWidgetService(WidgetRepository widgets, Clock clock) {
        this.widgets = widgets;
        this.clock = clock;
    }

    @Override
    public Widget register(RegisterWidgetCommand command) {
        Widget widget = new Widget(new WidgetId(command.id()), command.kind(), command.tags(), new byte[32],
                clock.instant());
        widgets.save(widget);
        return widget;
    }
}
