package io.tradenet.deploy.bench;

import io.tradenet.deploy.infra.Postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What one database's sessions were doing over a benchmark phase, sampled from {@code pg_stat_activity} on a
 * connection of its own, and how much written-but-unflushed data the host's page cache held meanwhile. Built
 * when the seventeenth session matched the notary's slowest answers, sample by sample, to its {@code COMMIT}
 * waiting 100 to 240 ms on {@code IO:WALSync} (the WAL's fdatasync) while the kernel wrote back 190 to 330 MB of
 * dirty pages that had collected for 30 s: a tail set by the disk, not by the notary, and now named in every run.
 * A sample every 20 ms costs the server a small read of shared memory; waits shorter than that are missed or
 * undercounted, which is fine for stalls that matter to a p99 of tens of milliseconds.
 */
final class WaitSampler implements AutoCloseable {

    static final Duration INTERVAL = Duration.ofMillis(20);
    private static final Path MEMINFO = Path.of("/proc/meminfo");
    private static final String ACTIVE = "SELECT pid, wait_event_type, wait_event FROM pg_stat_activity "
            + "WHERE datname = ? AND state = 'active' AND pid <> pg_backend_pid()";

    private final String database;
    private final WaitProfile profile = new WaitProfile();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile String failure;

    private WaitSampler(String database) {
        this.database = database;
        this.thread = new Thread(this::sample, "wait-sampler");
        this.thread.setDaemon(true);
    }

    /** Starts sampling the sessions of {@code database} now; {@link #close} stops it and {@link #summary} reports. */
    static WaitSampler start(String database) {
        WaitSampler sampler = new WaitSampler(database);
        sampler.thread.start();
        return sampler;
    }

    private void sample() {
        long start = System.nanoTime();
        try (Connection c = Postgres.connect("postgres"); PreparedStatement ps = c.prepareStatement(ACTIVE)) {
            ps.setString(1, database);
            while (running) {
                List<WaitProfile.Session> active = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        active.add(new WaitProfile.Session(rs.getInt(1), rs.getString(2), rs.getString(3)));
                    }
                }
                synchronized (profile) {
                    profile.add(System.nanoTime() - start, active, readMeminfo());
                }
                TimeUnit.NANOSECONDS.sleep(INTERVAL.toNanos());
            }
        } catch (SQLException e) {
            failure = e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(TimeUnit.SECONDS.toMillis(5));
    }

    /** One line on the phase (call after {@link #close}). */
    String summary() {
        synchronized (profile) {
            String sessions = failure != null && profile.samples() == 0
                    ? "its sessions could not be sampled (" + failure + ")"
                    : profile.toString();
            return "the notary's database sessions over that phase (pg_stat_activity every " + INTERVAL.toMillis() + " ms): " + sessions;
        }
    }

    private static Optional<HostWriteback> readMeminfo() {
        try {
            return HostWriteback.parse(Files.readAllLines(MEMINFO));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // not Linux
        }
    }

    /** The kernel's written-but-unflushed ({@code Dirty}) and being-written ({@code Writeback}) page cache, in kB. */
    record HostWriteback(long dirtyKb, long writebackKb) {

        /** From {@code /proc/meminfo}'s lines; empty if either figure is missing. */
        static Optional<HostWriteback> parse(List<String> meminfo) {
            Map<String, Long> kb = new HashMap<>();
            for (String line : meminfo) {
                String[] fields = line.trim().split("[:\\s]+");
                if (fields.length >= 2 && (fields[0].equals("Dirty") || fields[0].equals("Writeback"))) {
                    kb.put(fields[0], Long.parseLong(fields[1]));
                }
            }
            return kb.size() == 2 ? Optional.of(new HostWriteback(kb.get("Dirty"), kb.get("Writeback"))) : Optional.empty();
        }
    }

    /**
     * The samples added up: the share of active sessions' samples per wait event ("running" where the session
     * reports none: on a CPU or in a step PostgreSQL does not instrument), the longest uninterrupted wait of one
     * session on one event (from its first to its last consecutive sample, so a lower bound), and the peaks of the
     * host's dirty and writeback page cache.
     */
    static final class WaitProfile {

        static final String RUNNING = "running";

        record Session(int pid, String waitType, String waitEvent) {
            String event() {
                return waitEvent == null ? RUNNING : waitType + ":" + waitEvent;
            }
        }

        /** A session's current uninterrupted wait: its event and the offsets of its first and last sample. */
        private record Streak(String event, long firstNanos, long lastNanos) {
            long nanos() {
                return lastNanos - firstNanos;
            }

            /** The longer of the two, {@code a} on a tie; either may be null. */
            static Streak longer(Streak a, Streak b) {
                return a == null || (b != null && b.nanos() > a.nanos()) ? b : a;
            }
        }

        private final Map<String, Long> byEvent = new HashMap<>();
        private final Map<Integer, Streak> open = new HashMap<>();
        private Streak longest;
        private long samples;
        private long samplesWithActive;
        private long activeSamples;
        private long dirtyPeakKb = -1;
        private long writebackPeakKb = -1;

        /** One sample, taken {@code atNanos} after the first, of the database's active sessions and the host's page cache. */
        void add(long atNanos, List<Session> active, Optional<HostWriteback> host) {
            samples++;
            if (!active.isEmpty()) {
                samplesWithActive++;
            }
            Map<Integer, Streak> still = new HashMap<>();
            for (Session s : active) {
                activeSamples++;
                byEvent.merge(s.event(), 1L, Long::sum);
                if (s.waitEvent() == null) {
                    continue;
                }
                Streak previous = open.get(s.pid());
                still.put(s.pid(), previous != null && previous.event().equals(s.event())
                        ? new Streak(previous.event(), previous.firstNanos(), atNanos)
                        : new Streak(s.event(), atNanos, atNanos));
            }
            open.values().forEach(ended -> longest = Streak.longer(longest, ended));
            open.clear();
            open.putAll(still);
            host.ifPresent(h -> {
                dirtyPeakKb = Math.max(dirtyPeakKb, h.dirtyKb());
                writebackPeakKb = Math.max(writebackPeakKb, h.writebackKb());
            });
        }

        long samples() {
            return samples;
        }

        /** The longest wait so far, counting waits still open: event, milliseconds, and seconds after the first sample. */
        Optional<String> longestWait() {
            Streak best = longest;
            for (Streak s : open.values()) {
                best = Streak.longer(best, s);
            }
            return Optional.ofNullable(best).map(s -> String.format(Locale.ROOT, "%s %.0f ms from +%.1f s", s.event(),
                    s.nanos() / 1e6, s.firstNanos() / 1e9));
        }

        /** The events by share of the active sessions' samples, largest first, as "running 58%, IO:WALSync 21%". */
        Map<String, Double> shares() {
            Map<String, Double> out = new LinkedHashMap<>();
            byEvent.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .forEach(e -> out.put(e.getKey(), 100.0 * e.getValue() / activeSamples));
            return out;
        }

        @Override
        public String toString() {
            if (samples == 0) {
                return "no samples";
            }
            StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%d samples, a session active in %.0f%% of them",
                    samples, 100.0 * samplesWithActive / samples));
            if (activeSamples > 0) {
                List<String> parts = new ArrayList<>();
                shares().entrySet().stream().limit(6)
                        .forEach(e -> parts.add(String.format(Locale.ROOT, "%s %.0f%%", e.getKey(), e.getValue())));
                out.append("; the active sessions' samples: ").append(String.join(", ", parts));
            }
            longestWait().ifPresent(w -> out.append("; longest wait of one session: ").append(w));
            if (dirtyPeakKb >= 0) {
                out.append(String.format(Locale.ROOT, "; the host's page cache peaked at %d MB dirty and %d MB under writeback",
                        dirtyPeakKb / 1024, writebackPeakKb / 1024));
            }
            return out.toString();
        }
    }
}
