package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.domain.apikey.ApiKey;
import dev.gatehouse.domain.apikey.ApiKeyId;
import dev.gatehouse.domain.credential.SecretHash;
import dev.gatehouse.domain.workspace.UserId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Reads an {@code api_keys} row. */
final class ApiKeyMapper implements RowMapper<ApiKey> {

    @Override
    public ApiKey map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new ApiKey(
                new ApiKeyId(rs.getString("id")),
                new UserId(rs.getString("user_id")),
                new SecretHash(rs.getString("hash")),
                Sql.instant(rs, "created_at"),
                Sql.optionalInstant(rs, "revoked_at"),
                Optional.ofNullable(rs.getString("last_four")));
    }
}
