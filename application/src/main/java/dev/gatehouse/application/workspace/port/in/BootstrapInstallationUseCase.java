package dev.gatehouse.application.workspace.port.in;

import java.util.Optional;

/** On an empty database, creates the first workspace, its owner, and the owner's API key and password. */
public interface BootstrapInstallationUseCase {
    /** The new credentials, or empty when the database was already installed. */
    Optional<BootstrapCredentials> bootstrapIfEmpty();
}
