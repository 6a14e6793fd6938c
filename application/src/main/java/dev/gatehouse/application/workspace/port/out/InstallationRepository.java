package dev.gatehouse.application.workspace.port.out;

import dev.gatehouse.domain.apikey.ApiKey;
import dev.gatehouse.domain.workspace.Membership;
import dev.gatehouse.domain.workspace.User;
import dev.gatehouse.domain.workspace.Workspace;
import java.util.Objects;

/** Performs the first start's set-up in one transaction, once per database, however many servers race. */
public interface InstallationRepository {

    /**
     * Stores the first workspace, its owner, the membership and the owner's API key, all or nothing, if the
     * database has never been installed. Returns false, storing nothing, if it has.
     */
    boolean installIfEmpty(Installation installation);

    /** Whether the first start's set-up has been stored: a cheap read, so that later starts skip preparing one. */
    boolean isInstalled();

    /** What the first start stores. */
    record Installation(Workspace workspace, User owner, Membership membership, ApiKey apiKey) {
        public Installation {
            Objects.requireNonNull(workspace, "workspace");
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(membership, "membership");
            Objects.requireNonNull(apiKey, "apiKey");
        }
    }
}
