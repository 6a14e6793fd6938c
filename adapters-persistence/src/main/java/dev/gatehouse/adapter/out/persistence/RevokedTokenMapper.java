package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.application.token.port.out.RevokedTokenRepository.RevokedToken;
import dev.gatehouse.domain.client.ClientId;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Reads a {@code revoked_tokens} row. */
final class RevokedTokenMapper implements RowMapper<RevokedToken> {

    @Override
    public RevokedToken map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new RevokedToken(
                rs.getString("jti"),
                new ClientId(rs.getString("client_id")),
                Sql.instant(rs, "expires_at"),
                Sql.instant(rs, "revoked_at"));
    }
}
