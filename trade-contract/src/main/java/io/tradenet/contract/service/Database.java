package io.tradenet.contract.service;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.arc.InjectableInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The active database: PostgreSQL ("pg", production and tests) or the embedded H2 file database
 * ("h2", the local run when no PostgreSQL server answers). Exactly one is active at run time.
 */
@ApplicationScoped
public class Database {

    @Inject
    @DataSource("pg")
    InjectableInstance<AgroalDataSource> pg;

    @Inject
    @DataSource("h2")
    InjectableInstance<AgroalDataSource> h2;

    @ConfigProperty(name = "quarkus.datasource.h2.active", defaultValue = "false")
    boolean embedded;

    public Connection connection() throws SQLException {
        return (embedded ? h2 : pg).get().getConnection();
    }

    public boolean embedded() {
        return embedded;
    }
}
