package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.domain.workspace.Membership;
import dev.gatehouse.domain.workspace.Role;
import dev.gatehouse.domain.workspace.UserId;
import dev.gatehouse.domain.workspace.WorkspaceId;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Reads a {@code memberships} row; the role is stored by its wire name. */
final class MembershipMapper implements RowMapper<Membership> {

    @Override
    public Membership map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Membership(
                new WorkspaceId(rs.getString("workspace_id")),
                new UserId(rs.getString("user_id")),
                Role.fromWireName(rs.getString("role")));
    }
}
