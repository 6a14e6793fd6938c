package dev.gatehouse.archfixture.clean.adapter.in.http.widget;

import com.google.common.collect.ImmutableSet;
import dev.gatehouse.archfixture.clean.application.widget.port.in.RegisterWidgetCommand;
import dev.gatehouse.archfixture.clean.application.widget.port.in.RegisterWidgetUseCase;
import dev.gatehouse.archfixture.clean.domain.widget.Kind;
import io.javalin.Javalin;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Fixture: an HTTP handler, the only place Javalin is used. */
public final class WidgetHandler {

    private static final Logger LOG = LoggerFactory.getLogger(WidgetHandler.class);

    private final RegisterWidgetUseCase registerWidget;

    public WidgetHandler(RegisterWidgetUseCase registerWidget) {
        this.registerWidget = registerWidget;
    }

    public Javalin server() {
        return Javalin.create();
    }

    void register(Context ctx) {
        LOG.debug("registering a widget");
        ctx.result(registerWidget.register(new RegisterWidgetCommand(ctx.body(), Kind.SMALL, ImmutableSet.of()))
                .toString());
    }
}
