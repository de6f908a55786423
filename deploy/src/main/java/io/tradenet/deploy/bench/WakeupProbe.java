package io.tradenet.deploy.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * How late the host lets a ready thread run, over a benchmark phase: a thread of the benchmark client sleeps
 * {@link #PERIOD} at a time and records by how much each sleep overran. It does no work and holds no lock, and
 * the client runs with ZGC (pauses well under a millisecond), so an overrun is time the thread was ready and
 * waited for a CPU: the two cores busy with the notary, PostgreSQL, the broker and the client, the kernel's own
 * threads, and the hypervisor's turns for other guests (which this guest's kernel does not report as steal). Every
 * thread a notarisation passes through (the client's producer, the broker's, the notary's consumer, validation,
 * committer and answerer, the PostgreSQL backend, and back) waits the same way, so this names the part of a tail
 * that no design of the notary removes. Built in the twentieth session, whose runs gave p99 147 to 226 ms while the
 * calibration moved from 2,222 to 9,208 within twenty minutes: such a thread overslept by 10 to 19 ms three times in
 * 20 s on the idle machine, and 114 times in 55 s, up to 54 ms, during a run's latency phase. A wake-up every
 * millisecond costs the host a few microseconds of CPU each.
 */
final class WakeupProbe implements AutoCloseable {

    static final Duration PERIOD = Duration.ofMillis(1);

    private final LateWakeups late = new LateWakeups();
    private final Thread thread;
    private final long start = System.nanoTime();
    private volatile boolean running = true;

    private WakeupProbe() {
        thread = new Thread(this::probe, "wakeup-probe");
        thread.setDaemon(true);
    }

    /** Starts probing now; {@link #close} stops it, {@link #summary} reports. */
    static WakeupProbe start() {
        WakeupProbe probe = new WakeupProbe();
        probe.thread.start();
        return probe;
    }

    private void probe() {
        long period = PERIOD.toNanos();
        while (running) {
            long before = System.nanoTime();
            try {
                TimeUnit.NANOSECONDS.sleep(period);
            } catch (InterruptedException e) {
                return;
            }
            late.add(System.nanoTime() - before - period, before - start);
        }
    }

    /** Stops the probe and waits for its thread (whose records {@link #summary} then reads). */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean isRunning() {
        return thread.isAlive();
    }

    /** One line: the overruns by size, the share of the phase spent in long ones, the longest and when. */
    String summary() {
        return late.summary(System.nanoTime() - start);
    }

    /**
     * The overruns of a sleeping thread's wake-ups, counted by size and with the longest kept with their times
     * (nanoseconds after the probe's start). Not thread-safe: written by the probe's thread, read after it ended.
     */
    static final class LateWakeups {

        /** Upper bounds (ms, exclusive) of the size classes; the last class is everything from the last bound up. */
        static final int[] BOUNDS_MILLIS = {1, 2, 5, 10, 20, 50, 100};
        /** An overrun of this much or more is a stall that can carry a request past a p99 of tens of milliseconds. */
        static final long LONG_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
        static final int LONGEST_KEPT = 5;

        private final long[] counts = new long[BOUNDS_MILLIS.length + 1];
        private long inLongNanos;
        private final long[] longestNanos = new long[LONGEST_KEPT];
        private final long[] longestAtNanos = new long[LONGEST_KEPT];
        private int kept;

        void add(long overrunNanos, long atNanos) {
            long overrun = Math.max(0, overrunNanos);
            counts[sizeClass(overrun)]++;
            if (overrun >= LONG_NANOS) {
                inLongNanos += overrun;
            }
            keepIfLongest(overrun, atNanos);
        }

        private static int sizeClass(long overrunNanos) {
            for (int i = 0; i < BOUNDS_MILLIS.length; i++) {
                if (overrunNanos < TimeUnit.MILLISECONDS.toNanos(BOUNDS_MILLIS[i])) {
                    return i;
                }
            }
            return BOUNDS_MILLIS.length;
        }

        /** Keeps the {@value #LONGEST_KEPT} longest overruns, longest first (an earlier one wins a tie). */
        private void keepIfLongest(long overrun, long at) {
            if (overrun == 0 || (kept == LONGEST_KEPT && overrun <= longestNanos[kept - 1])) {
                return;
            }
            int i = kept < LONGEST_KEPT ? kept++ : kept - 1;
            while (i > 0 && longestNanos[i - 1] < overrun) {
                longestNanos[i] = longestNanos[i - 1];
                longestAtNanos[i] = longestAtNanos[i - 1];
                i--;
            }
            longestNanos[i] = overrun;
            longestAtNanos[i] = at;
        }

        long wakeups() {
            return Arrays.stream(counts).sum();
        }

        /** How many overruns fell in each size class ({@link #BOUNDS_MILLIS}). */
        long[] counts() {
            return Arrays.copyOf(counts, counts.length);
        }

        String summary(long phaseNanos) {
            StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                    "the host's delay in running a ready thread over that phase (a client thread waking from %d ms sleeps, %d times): late by",
                    PERIOD.toMillis(), wakeups()));
            for (int i = 1; i < counts.length; i++) {
                String size = i < BOUNDS_MILLIS.length ? BOUNDS_MILLIS[i - 1] + "-" + BOUNDS_MILLIS[i] + " ms" : ">= " + BOUNDS_MILLIS[i - 1] + " ms";
                s.append(i == 1 ? " " : ", ").append(size).append(' ').append(counts[i]);
            }
            s.append(String.format(Locale.ROOT, "; in overruns of %d ms or more %.2f s, %.1f%% of the phase",
                    TimeUnit.NANOSECONDS.toMillis(LONG_NANOS), inLongNanos / 1e9, phaseNanos <= 0 ? 0.0 : 100.0 * inLongNanos / phaseNanos));
            if (kept > 0) {
                s.append("; longest (after the phase's start):");
                for (int i = 0; i < kept; i++) {
                    s.append(i == 0 ? " " : ", ").append(String.format(Locale.ROOT, "+%.2f s: %.0f ms", longestAtNanos[i] / 1e9, longestNanos[i] / 1e6));
                }
            }
            return s.toString();
        }
    }
}
