package dev.gatehouse.domain.scope;

import com.google.common.collect.ImmutableSet;
import java.util.Collection;
import java.util.Objects;

/**
 * The scopes a server knows: Pipedream's catalogue, Gatehouse's own, and any that an embedding service
 * registers. A scope is known when it is in the catalogue, or when a catalogue wildcard below the top
 * level ({@code connect:actions:*}, {@code connect:apps:*}…) covers it: those name open families such as
 * one action or one app. {@code *} and {@code connect:*} do not make arbitrary names known.
 */
public record ScopeCatalog(ImmutableSet<Scope> scopes) {

    private static final ImmutableSet<String> PIPEDREAM = ImmutableSet.of(
            "*", "connect:*",
            "connect:actions:*", "connect:triggers:*",
            "connect:accounts:read", "connect:accounts:write",
            "connect:deployed_triggers:read", "connect:deployed_triggers:write",
            "connect:users:read", "connect:users:write",
            "connect:projects:read", "connect:projects:write",
            "connect:usage:read", "connect:tokens:create", "connect:proxy", "connect:workflow:invoke",
            "connect:apps:*");

    private static final ImmutableSet<String> GATEHOUSE = ImmutableSet.of(
            "workspace:read", "sources:read", "sources:write", "audit:read");

    public ScopeCatalog {
        Objects.requireNonNull(scopes, "scopes");
    }

    /** Pipedream's catalogue and Gatehouse's own scopes. */
    public static ScopeCatalog standard() {
        return new ScopeCatalog(ImmutableSet.<Scope>builder()
                .addAll(PIPEDREAM.stream().map(Scope::new).iterator())
                .addAll(GATEHOUSE.stream().map(Scope::new).iterator())
                .build());
    }

    /** This catalogue with {@code extra} scopes registered by an embedding service. */
    public ScopeCatalog with(Collection<Scope> extra) {
        return new ScopeCatalog(ImmutableSet.<Scope>builder().addAll(scopes).addAll(extra).build());
    }

    public boolean isKnown(Scope scope) {
        if (scopes.contains(scope)) {
            return true;
        }
        for (Scope family : scopes) {
            if (isOpenFamily(family) && family.grants(scope)) {
                return true;
            }
        }
        return false;
    }

    /** The scopes of {@code set} this catalogue does not know. */
    public ScopeSet unknown(ScopeSet set) {
        return ScopeSet.of(set.scopes().stream().filter(s -> !isKnown(s)).toList());
    }

    private static boolean isOpenFamily(Scope scope) {
        String value = scope.value();
        return value.endsWith(":*") && value.indexOf(':') < value.length() - 2;
    }
}
