package io.tradenet.deploy.bench;

import io.tradenet.deploy.infra.Postgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Why the benchmarks analyse their databases after the warm-up on a server without autovacuum: a statement
 * prepared while its table was nearly empty keeps a sequential-scan plan as the table grows, until the table is
 * analysed. Needs the PostgreSQL on 127.0.0.1:5432 that the other modules' tests use.
 */
class PlannerStatisticsTest {

    private static final String DATABASE = "tradenet_deploy_planner_test";

    @BeforeAll
    static void database() {
        Postgres.dropDatabase(DATABASE);
        Postgres.createDatabase(DATABASE);
    }

    @AfterAll
    static void dropDatabase() {
        Postgres.dropDatabase(DATABASE);
    }

    @Test
    void aPlanCachedWhileTheTableWasNearlyEmptyStaysASequentialScanUntilTheTableIsAnalysed() throws SQLException {
        try (Connection c = Postgres.connect(DATABASE); Statement s = c.createStatement()) {
            // autovacuum off for this table, wherever the server runs it: nothing analyses it behind the test's back
            s.execute("CREATE TABLE consumed (state_ref VARCHAR(80) PRIMARY KEY, tx_id CHAR(64) NOT NULL) "
                    + "WITH (autovacuum_enabled = false)");
            s.execute("INSERT INTO consumed SELECT md5(i::text) || ':0', md5(i::text) || md5(i::text) FROM generate_series(1, 10) i");
            s.execute("PREPARE lookup(varchar, varchar) AS SELECT tx_id FROM consumed WHERE state_ref IN ($1, $2)");
            for (int i = 0; i < 7; i++) {   // after five executions the server may keep one plan for all parameters
                s.execute("EXECUTE lookup('a:0', 'b:0')");
            }
            s.execute("INSERT INTO consumed SELECT md5(i::text) || ':0', md5(i::text) || md5(i::text) FROM generate_series(11, 50000) i");

            assertThat(plan(s)).contains("Seq Scan").doesNotContain("Index");

            Postgres.analyze(DATABASE);

            assertThat(plan(s)).contains("Index").doesNotContain("Seq Scan");
        }
    }

    @Test
    void autovacuumIsReadFromTheServer() throws SQLException {
        try (Connection c = Postgres.connect(DATABASE); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW autovacuum")) {
            rs.next();
            assertThat(Postgres.autovacuumOn()).isEqualTo(rs.getString(1).equals("on"));
        }
    }

    private static String plan(Statement s) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("EXPLAIN EXECUTE lookup('a:0', 'b:0')")) {
            while (rs.next()) {
                lines.add(rs.getString(1));
            }
        }
        return String.join("\n", lines);
    }
}
