package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.application.workspace.port.out.InstallationRepository;
import java.util.Objects;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * The first start's set-up in one transaction. The {@code installation} table holds at most one row, whose
 * primary key is the constant 1: of two servers racing on an empty database, the second one's insert of that
 * row fails on the key (after waiting for the first to commit), its transaction rolls back, and it answers
 * false.
 */
public final class JdbiInstallationRepository implements InstallationRepository {

    private final Jdbi jdbi;

    public JdbiInstallationRepository(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public boolean installIfEmpty(Installation installation) {
        if (isInstalled()) {
            return false;
        }
        try {
            jdbi.useTransaction(handle -> {
                handle.createUpdate("""
                                INSERT INTO installation (id, installed_at)
                                VALUES (1, :installedAt)
                                """)
                        .bind("installedAt", Sql.millis(installation.workspace().createdAt()))
                        .execute();
                JdbiWorkspaceRepository.insert(handle, installation.workspace());
                JdbiUserRepository.insert(handle, installation.owner());
                JdbiWorkspaceRepository.insertMembership(handle, installation.membership());
                JdbiApiKeyRepository.insert(handle, installation.apiKey());
            });
            return true;
        } catch (JdbiException e) {
            if (Sql.isUniqueViolation(e) && isInstalled()) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public boolean isInstalled() {
        return jdbi.withHandle(JdbiInstallationRepository::isInstalled);
    }

    private static boolean isInstalled(Handle handle) {
        return handle.createQuery("SELECT COUNT(*) FROM installation")
                .mapTo(Long.class)
                .one() > 0;
    }
}
