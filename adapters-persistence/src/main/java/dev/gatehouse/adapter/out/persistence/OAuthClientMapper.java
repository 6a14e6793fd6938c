package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.domain.client.ClientId;
import dev.gatehouse.domain.client.ClientStatus;
import dev.gatehouse.domain.client.OAuthClient;
import dev.gatehouse.domain.client.OAuthClientRecordId;
import dev.gatehouse.domain.client.ProjectAccess;
import dev.gatehouse.domain.credential.SecretHash;
import dev.gatehouse.domain.scope.ScopeSet;
import dev.gatehouse.domain.workspace.ProjectId;
import dev.gatehouse.domain.workspace.WorkspaceId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Reads an {@code oauth_clients} row. Scopes are stored space-joined in their order; projects are
 * {@code NULL} for all projects, else the space-joined ids (the empty string for none).
 */
final class OAuthClientMapper implements RowMapper<OAuthClient> {

    @Override
    public OAuthClient map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new OAuthClient(
                new OAuthClientRecordId(rs.getString("id")),
                new WorkspaceId(rs.getString("workspace_id")),
                new ClientId(rs.getString("client_id")),
                new SecretHash(rs.getString("secret_hash")),
                Optional.ofNullable(rs.getString("previous_secret_hash")).map(SecretHash::new),
                Sql.optionalInstant(rs, "previous_secret_expires_at"),
                rs.getString("name"),
                ScopeSet.parse(rs.getString("scopes")),
                projects(rs.getString("projects")),
                Sql.instant(rs, "created_at"),
                Sql.optionalInstant(rs, "last_used_at"),
                ClientStatus.valueOf(rs.getString("status")),
                rs.getInt("token_generation"),
                rs.getLong("version"),
                Sql.instant(rs, "updated_at"));
    }

    static String projectsColumn(ProjectAccess access) {
        return access.restrictedTo()
                .map(ids -> ids.stream().map(ProjectId::value).collect(Collectors.joining(" ")))
                .orElse(null);
    }

    static ProjectAccess projects(String column) {
        if (column == null) {
            return ProjectAccess.all();
        }
        List<ProjectId> ids = column.isEmpty()
                ? List.of()
                : Arrays.stream(column.split(" ")).map(ProjectId::new).toList();
        return ProjectAccess.only(ids);
    }
}
