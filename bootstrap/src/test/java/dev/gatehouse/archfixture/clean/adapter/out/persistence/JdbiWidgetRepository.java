package dev.gatehouse.archfixture.clean.adapter.out.persistence;

import dev.gatehouse.archfixture.clean.application.widget.port.out.WidgetRepository;
import dev.gatehouse.archfixture.clean.domain.widget.Widget;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/** Fixture: the persistence adapter, the only place JDBI and javax.sql are used. */
public final class JdbiWidgetRepository implements WidgetRepository {

    private final Jdbi jdbi;

    JdbiWidgetRepository(DataSource dataSource) {
        this.jdbi = Jdbi.create(dataSource);
    }

    private JdbiWidgetRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Builds the repository from plain settings, so that no DataSource crosses into bootstrap. */
    public static JdbiWidgetRepository connect(String jdbcUrl) {
        return new JdbiWidgetRepository(Jdbi.create(jdbcUrl));
    }

    @Override
    public void save(Widget widget) {
        jdbi.useHandle(handle -> handle.execute("insert into widget (id) values (?)", widget.id().value()));
    }
}
