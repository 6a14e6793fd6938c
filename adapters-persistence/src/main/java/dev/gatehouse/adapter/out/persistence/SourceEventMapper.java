package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.domain.source.SourceEvent;
import dev.gatehouse.domain.source.SourceId;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Reads a {@code source_events} row. */
final class SourceEventMapper implements RowMapper<SourceEvent> {

    @Override
    public SourceEvent map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new SourceEvent(
                new SourceId(rs.getString("source_id")),
                rs.getLong("seq"),
                Sql.instant(rs, "emitted_at"),
                rs.getString("payload"));
    }
}
