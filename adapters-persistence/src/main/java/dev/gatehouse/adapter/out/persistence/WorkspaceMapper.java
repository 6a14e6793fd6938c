package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.domain.workspace.Workspace;
import dev.gatehouse.domain.workspace.WorkspaceId;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Reads a {@code workspaces} row. */
final class WorkspaceMapper implements RowMapper<Workspace> {


    @Override
    public Workspace map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Workspace(
                new WorkspaceId(rs.getString("id")),
                rs.getString("orgname"),
                rs.getString("name"),
                rs.getString("email"),
                Sql.instant(rs, "created_at"));
    }
}
