package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.application.token.port.out.SigningKeyRepository.StoredSigningKey;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Reads a {@code signing_keys} row. */
final class StoredSigningKeyMapper implements RowMapper<StoredSigningKey> {

    @Override
    public StoredSigningKey map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new StoredSigningKey(
                rs.getString("kid"),
                rs.getString("algorithm"),
                rs.getString("private_jwk"),
                Sql.instant(rs, "created_at"));
    }
}
