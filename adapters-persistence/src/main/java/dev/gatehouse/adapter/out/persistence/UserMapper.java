package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.domain.workspace.User;
import dev.gatehouse.domain.workspace.UserId;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Reads a {@code users} row. */
final class UserMapper implements RowMapper<User> {

    @Override
    public User map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new User(
                new UserId(rs.getString("id")),
                rs.getString("email"),
                rs.getString("username"),
                rs.getString("password_hash"),
                Sql.instant(rs, "created_at"));
    }
}
