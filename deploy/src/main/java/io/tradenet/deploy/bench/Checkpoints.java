package io.tradenet.deploy.bench;

import io.tradenet.deploy.infra.Postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * PostgreSQL's checkpointer counters for the whole server, read before and after a benchmark phase: whether a
 * checkpoint began in it and how long the checkpoints that ended in it wrote and fsynced their data files. A
 * checkpoint's fsync phase holds the WAL flushes of every commit for up to ~100 ms on the development VM's disk
 * (the fifteenth session matched the notary's slowest answers to it in the server's log), so a phase's tail
 * is read beside these.
 *
 * @param started     checkpoints begun (timed or requested)
 * @param writeMillis time the ended checkpoints spent writing buffers (spread over the checkpoint, not a stall)
 * @param syncMillis  time the ended checkpoints spent in fsync of the data files
 */
record Checkpoints(long started, double writeMillis, double syncMillis) {

    /** PostgreSQL 17 moved these counters from pg_stat_bgwriter to pg_stat_checkpointer. */
    private static final String SINCE_17 = "SELECT num_timed + num_requested, write_time, sync_time FROM pg_stat_checkpointer";
    private static final String UNTIL_16 = "SELECT checkpoints_timed + checkpoints_req, checkpoint_write_time, checkpoint_sync_time "
            + "FROM pg_stat_bgwriter";

    static Checkpoints read() {
        try (Connection c = Postgres.connect("postgres"); Statement s = c.createStatement()) {
            boolean since17 = c.getMetaData().getDatabaseMajorVersion() >= 17;
            try (ResultSet r = s.executeQuery(since17 ? SINCE_17 : UNTIL_16)) {
                r.next();
                return new Checkpoints(r.getLong(1), r.getDouble(2), r.getDouble(3));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read PostgreSQL's checkpointer statistics", e);
        }
    }

    /** What changed from {@code before} to this reading. */
    Checkpoints since(Checkpoints before) {
        return new Checkpoints(started - before.started, writeMillis - before.writeMillis, syncMillis - before.syncMillis);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "PostgreSQL's checkpoints over that phase (the whole server): %d begun; those that ended in it "
                + "wrote for %.0f ms and fsynced for %.0f ms", started, writeMillis, syncMillis);
    }
}
