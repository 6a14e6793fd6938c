package dev.gatehouse.archfixture.clean.bootstrap;

import dev.gatehouse.archfixture.clean.adapter.in.http.widget.WidgetHandler;
import dev.gatehouse.archfixture.clean.adapter.out.persistence.JdbiWidgetRepository;
import dev.gatehouse.archfixture.clean.application.widget.service.RegisterWidgetService;
import java.time.Clock;

/** Fixture: wiring with plain {@code new}; the CLI may print to stdout. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        var service = new RegisterWidgetService(JdbiWidgetRepository.connect(args[0]), Clock.systemUTC());
        new WidgetHandler(service).server();
        System.out.println("started");
    }
}
