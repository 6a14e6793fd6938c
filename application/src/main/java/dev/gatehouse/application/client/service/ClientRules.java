package dev.gatehouse.application.client.service;

import dev.gatehouse.application.shared.InvalidInputException;
import dev.gatehouse.domain.client.ProjectAccess;
import dev.gatehouse.domain.scope.ScopeCatalog;
import dev.gatehouse.domain.scope.ScopeSet;
import dev.gatehouse.domain.workspace.ProjectId;
import java.util.ArrayList;
import java.util.List;

/** The checks on a client's scopes and projects, shared by creation and change. */
final class ClientRules {

    static final int MAX_PROJECTS = 1000;

    private ClientRules() {}

    static ScopeSet scopes(List<String> values, ScopeCatalog catalog) {
        if (values.isEmpty()) {
            throw new InvalidInputException("scopes must name at least one scope");
        }
        ScopeSet scopes;
        try {
            scopes = ScopeSet.fromStrings(values);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidInputException("malformed scope: " + e.getMessage());
        }
        ScopeSet unknown = catalog.unknown(scopes);
        if (!unknown.isEmpty()) {
            throw new InvalidInputException("unknown scope: " + unknown.toParameter());
        }
        return scopes;
    }

    static ProjectAccess projects(List<String> values) {
        if (values.size() > MAX_PROJECTS) {
            throw new InvalidInputException("at most " + MAX_PROJECTS + " projects");
        }
        List<ProjectId> ids = new ArrayList<>();
        for (String value : values) {
            if (!ProjectId.isValid(value)) {
                throw new InvalidInputException("projects must be project ids of the form proj_<base62>");
            }
            ids.add(new ProjectId(value));
        }
        return ProjectAccess.only(ids);
    }
}
