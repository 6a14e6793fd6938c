package dev.gatehouse.application.shared;

import dev.gatehouse.domain.scope.Scope;

/**
 * An OAuth access token lacks the scope this call needs.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6750#section-3.1">RFC 6750 §3.1</a>
 */
public class InsufficientScopeException extends ForbiddenException {

    private final Scope needed;

    public InsufficientScopeException(Scope needed) {
        super("this needs the scope " + needed.value());
        this.needed = needed;
    }

    public Scope needed() {
        return needed;
    }
}
