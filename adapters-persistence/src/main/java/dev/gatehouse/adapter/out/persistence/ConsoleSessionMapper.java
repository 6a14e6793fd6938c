package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.domain.credential.SecretHash;
import dev.gatehouse.domain.session.ConsoleSession;
import dev.gatehouse.domain.workspace.UserId;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Reads a {@code console_sessions} row. */
final class ConsoleSessionMapper implements RowMapper<ConsoleSession> {

    @Override
    public ConsoleSession map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new ConsoleSession(
                new SecretHash(rs.getString("id_hash")),
                new UserId(rs.getString("user_id")),
                Sql.instant(rs, "created_at"),
                Sql.instant(rs, "last_seen_at"),
                Sql.instant(rs, "expires_at"));
    }
}
