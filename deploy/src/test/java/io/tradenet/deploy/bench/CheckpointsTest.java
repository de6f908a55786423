package io.tradenet.deploy.bench;

import io.tradenet.deploy.infra.Postgres;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The notary benchmark reads PostgreSQL's checkpointer counters around its latency phase, so that a tail set
 * by a checkpoint's fsync phase is named as such in its output (needs the PostgreSQL on 127.0.0.1:5432 that the
 * other modules' tests use; {@code CHECKPOINT} needs its superuser, as the benchmark's databases do).
 */
class CheckpointsTest {

    @Test
    void aCheckpointBetweenTwoReadingsOfTheServersCountersIsCountedAsBegun() throws Exception {
        Checkpoints before = Checkpoints.read().orElseThrow();
        try (Connection c = Postgres.connect("postgres"); Statement s = c.createStatement()) {
            s.execute("CHECKPOINT");
        }
        // the checkpointer publishes its counters just after the checkpoint has ended and its requester was told
        Checkpoints gained = Checkpoints.read().orElseThrow().since(before);
        for (int i = 0; i < 100 && gained.started() == 0; i++) {
            Thread.sleep(100);
            gained = Checkpoints.read().orElseThrow().since(before);
        }
        assertThat(gained.started()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aWriteBetweenTwoReadingsAdvancesTheWalTheyReport() throws Exception {
        Checkpoints before = Checkpoints.read().orElseThrow();
        try (Connection c = Postgres.connect("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE TEMP TABLE wal_probe (filler TEXT)");
            s.execute("INSERT INTO wal_probe SELECT repeat('x', 100) FROM generate_series(1, 1000)");
        }
        Checkpoints gained = Checkpoints.read().orElseThrow().since(before);

        // a temporary table's rows are not logged, but its creation in the catalogue is
        assertThat(gained.walBytes()).isPositive();
    }

    @Test
    void postgresql17sCountersAreReadFromPgStatCheckpointerAndEarlierOnesFromPgStatBgwriter() {
        assertThat(Checkpoints.query(15)).contains("FROM pg_stat_bgwriter").contains("checkpoints_timed + checkpoints_req")
                .contains("checkpoint_sync_time");
        assertThat(Checkpoints.query(16)).isEqualTo(Checkpoints.query(15));
        assertThat(Checkpoints.query(17)).contains("FROM pg_stat_checkpointer").contains("num_timed + num_requested")
                .contains("sync_time");
        assertThat(Checkpoints.query(18)).isEqualTo(Checkpoints.query(17));
    }

    @Test
    void aPhaseWhoseCountersCouldNotBeReadSaysSoInsteadOfFailingTheRun() {
        Optional<Checkpoints> some = Optional.of(new Checkpoints(1, 2, 3, 0));

        assertThat(Checkpoints.over(Optional.empty(), some, 10)).endsWith("its statistics could not be read");
        assertThat(Checkpoints.over(some, Optional.empty(), 10)).endsWith("its statistics could not be read");
        assertThat(Checkpoints.over(some, Optional.of(new Checkpoints(2, 10, 5, 0)), 10)).contains("1 begun").contains("fsynced for 2 ms");
    }

    @Test
    void aPhasesWalIsPrintedInAllAndPerTransaction() {
        Optional<Checkpoints> before = Optional.of(new Checkpoints(0, 0, 0, 1_000_000));
        Optional<Checkpoints> after = Optional.of(new Checkpoints(0, 0, 0, 271_000_000));

        assertThat(Checkpoints.over(before, after, 100_000)).endsWith("; 270 MB of WAL written, 2700 bytes per transaction");
        assertThat(Checkpoints.over(before, after, 0)).endsWith("; 270 MB of WAL written, 0 bytes per transaction");
    }

    @Test
    void twoReadingsDifferByWhatHappenedBetweenThem() {
        Checkpoints gained = new Checkpoints(7, 5_000, 300, 9_000).since(new Checkpoints(5, 1_000, 100, 4_000));

        assertThat(gained).isEqualTo(new Checkpoints(2, 4_000, 200, 5_000));
        assertThat(gained.toString()).isEqualTo("PostgreSQL's checkpoints over that phase (the whole server): 2 begun; those that ended "
                + "in it wrote for 4000 ms and fsynced for 200 ms");
    }
}
