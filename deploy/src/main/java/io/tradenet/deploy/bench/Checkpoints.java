package io.tradenet.deploy.bench;

import io.tradenet.deploy.infra.Postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;

/**
 * PostgreSQL's checkpointer counters for the whole server, read before and after a benchmark phase: whether a
 * checkpoint began in it and how long the checkpoints that ended in it wrote and fsynced their data files. A
 * checkpoint's fsync phase holds the WAL flushes of every commit for up to ~100 ms on the development VM's disk
 * (the fifteenth session matched the notary's slowest answers to it in the server's log), so a phase's tail
 * is read beside these. Beside them, how much WAL the server wrote: with the server's defaults a checkpoint begins
 * per ~540 MB of it (max_wal_size 1 GB), so WAL bytes per transaction set how often a load meets a checkpoint.
 *
 * @param started     checkpoints begun, timed or requested (a timed one the server skipped because nothing was written
 *                    counts too; under a benchmark's load none is skipped)
 * @param writeMillis time the ended checkpoints spent writing buffers (spread over the checkpoint, not a stall)
 * @param syncMillis  time the ended checkpoints spent in fsync of the data files
 * @param walBytes    the server's WAL insert position, in bytes from its start
 */
record Checkpoints(long started, double writeMillis, double syncMillis, long walBytes) {

    /** PostgreSQL 17 moved these counters from pg_stat_bgwriter to pg_stat_checkpointer. */
    private static final String SINCE_17 = "SELECT num_timed + num_requested, write_time, sync_time, "
            + "pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0') FROM pg_stat_checkpointer";
    private static final String UNTIL_16 = "SELECT checkpoints_timed + checkpoints_req, checkpoint_write_time, checkpoint_sync_time, "
            + "pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0') FROM pg_stat_bgwriter";

    /** The server's counters now; empty if they cannot be read (a diagnostic: a run is not lost for it). */
    static Optional<Checkpoints> read() {
        try (Connection c = Postgres.connect("postgres"); Statement s = c.createStatement();
             ResultSet r = s.executeQuery(query(c.getMetaData().getDatabaseMajorVersion()))) {
            r.next();
            return Optional.of(new Checkpoints(r.getLong(1), r.getDouble(2), r.getDouble(3), r.getLong(4)));
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    /** The statistics query for a server of this major version. */
    static String query(int majorVersion) {
        return majorVersion >= 17 ? SINCE_17 : UNTIL_16;
    }

    /**
     * What the benchmark prints for a phase of {@code transactions} answered transactions, given the readings before
     * and after it (either may be missing).
     */
    static String over(Optional<Checkpoints> before, Optional<Checkpoints> after, long transactions) {
        if (before.isEmpty() || after.isEmpty()) {
            return "PostgreSQL's checkpoints over that phase: its statistics could not be read";
        }
        Checkpoints gained = after.get().since(before.get());
        return String.format(Locale.ROOT, "%s; %.0f MB of WAL written, %d bytes per transaction", gained, gained.walBytes / 1e6,
                transactions > 0 ? gained.walBytes / transactions : 0);
    }

    /** What changed from {@code before} to this reading. */
    Checkpoints since(Checkpoints before) {
        return new Checkpoints(started - before.started, writeMillis - before.writeMillis, syncMillis - before.syncMillis,
                walBytes - before.walBytes);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "PostgreSQL's checkpoints over that phase (the whole server): %d begun; those that ended in it "
                + "wrote for %.0f ms and fsynced for %.0f ms", started, writeMillis, syncMillis);
    }
}
