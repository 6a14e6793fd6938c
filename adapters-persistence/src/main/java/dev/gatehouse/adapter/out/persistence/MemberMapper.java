package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.application.workspace.port.out.WorkspaceRepository.Member;
import dev.gatehouse.domain.workspace.Role;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Reads a {@code users} row joined with the user's {@code memberships} row: the user's columns and {@code role}. */
final class MemberMapper implements RowMapper<Member> {

    private static final UserMapper USER = new UserMapper();

    @Override
    public Member map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Member(USER.map(rs, ctx), Role.fromWireName(rs.getString("role")));
    }
}
