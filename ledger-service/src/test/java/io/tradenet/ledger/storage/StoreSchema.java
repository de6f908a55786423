package io.tradenet.ledger.storage;

import org.flywaydb.core.Flyway;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** The ledger's schema on a test database, by the service's own migrations. */
final class StoreSchema {

    private StoreSchema() {
    }

    static Connection h2(String name) throws SQLException {
        return DriverManager.getConnection("jdbc:h2:mem:" + name + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");
    }

    /** Migrates the connection's database to {@code target} (null: the latest), as the service does at start. */
    static void migrate(Connection c, String target) throws SQLException {
        String url = c.getMetaData().getURL();
        if (url.startsWith("jdbc:h2:")) {
            url += ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
        }
        var config = Flyway.configure().dataSource(url, c.getMetaData().getUserName(), "").locations("classpath:db/migration");
        if (target != null) {
            config.target(target);
        }
        config.load().migrate();
    }
}
