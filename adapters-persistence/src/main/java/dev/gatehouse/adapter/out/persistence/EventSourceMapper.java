package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.domain.source.EventSource;
import dev.gatehouse.domain.source.SourceId;
import dev.gatehouse.domain.workspace.UserId;
import dev.gatehouse.domain.workspace.WorkspaceId;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Reads an {@code event_sources} row. */
final class EventSourceMapper implements RowMapper<EventSource> {

    @Override
    public EventSource map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new EventSource(
                new SourceId(rs.getString("id")),
                new WorkspaceId(rs.getString("workspace_id")),
                rs.getString("name"),
                new UserId(rs.getString("created_by")),
                Sql.instant(rs, "created_at"));
    }
}
