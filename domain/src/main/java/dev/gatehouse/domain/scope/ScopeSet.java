package dev.gatehouse.domain.scope;

import com.google.common.base.Joiner;
import com.google.common.collect.ImmutableSet;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A set of scopes in the order they were given, as held by a client or granted to a token.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-3.3">RFC 6749 §3.3</a>
 */
public record ScopeSet(ImmutableSet<Scope> scopes) {

    public ScopeSet {
        Objects.requireNonNull(scopes, "scopes");
    }

    public static ScopeSet of(Collection<Scope> scopes) {
        return new ScopeSet(ImmutableSet.copyOf(scopes));
    }

    public static ScopeSet of(String... scopes) {
        return fromStrings(List.of(scopes));
    }

    /** Parses a list of scope strings; throws {@link IllegalArgumentException} on a malformed one. */
    public static ScopeSet fromStrings(Collection<String> values) {
        ImmutableSet.Builder<Scope> out = ImmutableSet.builder();
        for (String value : values) {
            out.add(new Scope(value));
        }
        return new ScopeSet(out.build());
    }

    /**
     * Parses the space-delimited {@code scope} parameter. Tokens are separated by single spaces; an empty
     * token (a leading, trailing or doubled space) is malformed.
     */
    public static ScopeSet parse(String spaceDelimited) {
        Objects.requireNonNull(spaceDelimited, "spaceDelimited");
        return fromStrings(List.of(spaceDelimited.split(" ", -1)));
    }

    public boolean isEmpty() {
        return scopes.isEmpty();
    }

    /** Whether some scope of this set grants {@code scope}. */
    public boolean grants(Scope scope) {
        for (Scope held : scopes) {
            if (held.grants(scope)) {
                return true;
            }
        }
        return false;
    }

    /** Whether this set grants every scope of {@code requested}. */
    public boolean covers(ScopeSet requested) {
        return requested.scopes.stream().allMatch(this::grants);
    }

    /** The scopes of {@code requested} that this set does not grant. */
    public ScopeSet notGranted(ScopeSet requested) {
        return of(requested.scopes.stream().filter(s -> !grants(s)).toList());
    }

    public List<String> asStrings() {
        return scopes.stream().map(Scope::value).toList();
    }

    /** The space-delimited form of the {@code scope} parameter and claim. */
    public String toParameter() {
        return Joiner.on(' ').join(asStrings());
    }

    @Override
    public String toString() {
        return toParameter();
    }
}
