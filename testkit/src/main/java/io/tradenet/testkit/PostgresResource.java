package io.tradenet.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.tradenet.deploy.infra.Postgres;

import java.util.Map;
import java.util.UUID;

/**
 * A fresh database on the PostgreSQL server at 127.0.0.1:5432 for one test JVM ({@code .ci/run} starts
 * the server). Arg {@code datasource} names the Quarkus datasource to point at it (default "pg").
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    private static String database;
    private String datasource = "pg";

    @Override
    public void init(Map<String, String> initArgs) {
        datasource = initArgs.getOrDefault("datasource", "pg");
    }

    @Override
    public Map<String, String> start() {
        if (!Postgres.isAvailable()) {
            throw new IllegalStateException("no PostgreSQL server answers on 127.0.0.1:5432; start it with "
                    + "'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start' (.ci/run does)");
        }
        return Map.of("quarkus.datasource." + datasource + ".jdbc.url", Postgres.jdbcUrl(database()) + "?reWriteBatchedInserts=true",
                "quarkus.datasource." + datasource + ".username", Postgres.USER);
    }

    public static synchronized String database() {
        if (database == null) {
            database = "tradenet_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            Postgres.createDatabase(database);
            String name = database;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    Postgres.dropDatabase(name);
                } catch (RuntimeException ignored) {
                    // the server may already be gone
                }
            }, "drop-test-database"));
        }
        return database;
    }

    @Override
    public void stop() {
        // dropped when the JVM exits, after every test class of the module has used it
    }
}
