package dev.gatehouse.adapter.in.http.common;

import dev.gatehouse.domain.scope.Scope;
import java.util.Objects;
import java.util.Optional;

/**
 * What a route accepts: a user API key, an OAuth access token holding a given scope, or either. Each route
 * declares one of these where it is registered.
 */
public record Access(boolean acceptsApiKey, Optional<Scope> oauthScope) {

    public Access {
        Objects.requireNonNull(oauthScope, "oauthScope");
        if (!acceptsApiKey && oauthScope.isEmpty()) {
            throw new IllegalArgumentException("a route must accept some credential");
        }
    }

    /** User API keys only (as Pipedream's {@code POST /v1/sources}). */
    public static Access apiKey() {
        return new Access(true, Optional.empty());
    }

    /** OAuth access tokens holding {@code scope} only. */
    public static Access oauth(String scope) {
        return new Access(false, Optional.of(new Scope(scope)));
    }

    /** A user API key, or an OAuth access token holding {@code scope}. */
    public static Access apiKeyOrOauth(String scope) {
        return new Access(true, Optional.of(new Scope(scope)));
    }

    public boolean acceptsOAuth() {
        return oauthScope.isPresent();
    }
}
