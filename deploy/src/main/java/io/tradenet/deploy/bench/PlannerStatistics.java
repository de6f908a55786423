package io.tradenet.deploy.bench;

import io.tradenet.deploy.infra.Postgres;
import io.tradenet.deploy.local.LocalNetwork;

import java.io.PrintStream;
import java.sql.SQLException;

/**
 * A benchmark's network as a deployment would run it on a server with autovacuum, which this machine's
 * PostgreSQL has off ({@code conf.d/90-ci.conf}). The services prepare their statements on the server; after
 * five executions PostgreSQL may plan one once for any parameters (a generic plan) and keeps that plan until
 * something invalidates it. Planned while the table was nearly empty, it is a sequential scan, and without
 * autovacuum's auto-analyze nothing ever invalidates it: in the letter-of-credit benchmark the notary looked
 * consumed states up by reading the whole table (2,612 sequential scans, 22.8 million rows in one run) and the
 * ledger its entries the same way (1,352 scans, 15.3 million rows), the host stayed 100% busy at ~130
 * operations/s and PostgreSQL's share of it grew through the run (twentieth session). With autovacuum the tables'
 * first analyses, within a minute of their growth, re-plan those statements. So after the warm-up, where the
 * server has autovacuum off, the benchmark analyses the network's databases once, as autovacuum would have by
 * then, and says so.
 */
final class PlannerStatistics {

    private PlannerStatistics() {
    }

    /** If the server runs without autovacuum: ANALYZE each of the network's databases now, and log it. */
    static void refreshIfNoAutovacuum(LocalNetwork network, PrintStream log) throws SQLException {
        if (network.databases().isEmpty() || Postgres.autovacuumOn()) {
            return;
        }
        long start = System.nanoTime();
        for (String database : network.databases()) {
            Postgres.analyze(database);
        }
        log.printf("  the server runs without autovacuum: analysed the network's databases after the warm-up, as it would have "
                + "(statements planned while the tables were empty are planned again; %.1f s)%n", (System.nanoTime() - start) / 1e9);
    }
}
