package io.tradenet.deploy.bench;

import io.tradenet.deploy.infra.JavaProcess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * CPU time spent, read at two moments, to give the work per operation beside the rate: which share of the
 * machine's CPU the service itself takes (the rest is PostgreSQL, the broker, the kernel and the benchmark),
 * and a second reading of a change that only cuts work. It is no steadier than the rate when the host is
 * busy: in one hour the same build took 70 to 73 µs of the ledger JVM per entry in five runs and 105 µs in
 * the sixth. The machine's busy time comes from {@code /proc/stat} (user, nice, system, irq and softirq; not
 * steal), the process's from the JDK.
 */
record CpuUse(long processNanos, long machineNanos) {

    /** Clock ticks per second of {@code /proc/stat} (USER_HZ, 100 on Linux). */
    private static final long TICKS_PER_SECOND = 100;

    static CpuUse now(JavaProcess process) {
        long processNanos = process.process().toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
        return new CpuUse(processNanos, machineBusyNanos());
    }

    /** Microseconds of the process's and of the machine's CPU per operation since {@code start} (NaN where unknown). */
    String perOperation(CpuUse start, long operations, String process) {
        double processMicros = processNanos < 0 || start.processNanos < 0 ? Double.NaN : (processNanos - start.processNanos) / 1e3 / operations;
        double machineMicros = machineNanos < 0 || start.machineNanos < 0 ? Double.NaN : (machineNanos - start.machineNanos) / 1e3 / operations;
        return String.format(Locale.ROOT, "%s %.1f µs, the whole machine %.1f µs", process, processMicros, machineMicros);
    }

    private static long machineBusyNanos() {
        try {
            long ticks = busyTicks(Files.readAllLines(Path.of("/proc/stat")).get(0));
            return ticks < 0 ? -1 : ticks * (1_000_000_000L / TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return -1; // not Linux
        }
    }

    /**
     * Busy ticks from the first line of {@code /proc/stat} ({@code cpu user nice system idle iowait irq softirq
     * steal ...}, all CPUs together): user, nice, system, irq and softirq; -1 if it is not such a line.
     */
    static long busyTicks(String line) {
        String[] cpu = line.trim().split("\\s+");
        if (!cpu[0].equals("cpu") || cpu.length < 8) {
            return -1;
        }
        long ticks = 0;
        for (int field : new int[] {1, 2, 3, 6, 7}) { // not idle (4), iowait (5) or steal (8)
            ticks += Long.parseLong(cpu[field]);
        }
        return ticks;
    }
}
