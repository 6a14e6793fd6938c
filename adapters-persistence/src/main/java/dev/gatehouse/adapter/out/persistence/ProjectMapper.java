package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.domain.workspace.Project;
import dev.gatehouse.domain.workspace.ProjectId;
import dev.gatehouse.domain.workspace.WorkspaceId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Reads a {@code projects} row; the optional fields are {@code NULL} when absent. */
final class ProjectMapper implements RowMapper<Project> {

    @Override
    public Project map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Project(
                new ProjectId(rs.getString("id")),
                new WorkspaceId(rs.getString("workspace_id")),
                rs.getString("name"),
                Optional.ofNullable(rs.getString("app_name")),
                Optional.ofNullable(rs.getString("support_email")),
                rs.getBoolean("connect_require_key_auth_test"),
                Sql.instant(rs, "created_at"));
    }
}
