package dev.gatehouse.archfixture.clean.application.widget.port.in;

import com.google.common.collect.ImmutableSet;
import dev.gatehouse.archfixture.clean.domain.widget.Kind;

/** Fixture: a use-case command. */
public record RegisterWidgetCommand(String id, Kind kind, ImmutableSet<String> tags) {
}
