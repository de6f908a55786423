package io.tradenet.deploy.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The machine's busy time is read from /proc/stat's first line: user, nice, system, irq and softirq only. */
class CpuUseTest {

    @Test
    void busyTicksCountUserNiceSystemIrqAndSoftirqButNotIdleIowaitOrSteal() {
        //               user nice system idle  iowait irq softirq steal guest guest_nice
        String line = "cpu  1000 20   300    90000 4000   5   60      7000  0     0";
        assertThat(CpuUse.busyTicks(line)).isEqualTo(1000 + 20 + 300 + 5 + 60);
        assertThat(CpuUse.busyTicks("cpu 1 2 3 4 5 6 7")).isEqualTo(1 + 2 + 3 + 6 + 7);
    }

    @Test
    void aLineThatIsNotTheAllCpusLineGivesNoReading() {
        assertThat(CpuUse.busyTicks("cpu0 1 2 3 4 5 6 7 8")).isEqualTo(-1);
        assertThat(CpuUse.busyTicks("cpu 1 2 3")).isEqualTo(-1);
        assertThat(CpuUse.busyTicks("intr 12345")).isEqualTo(-1);
    }

    @Test
    void perOperationDividesBothReadingsByTheOperations() {
        CpuUse start = new CpuUse(1_000_000, 5_000_000);
        CpuUse end = new CpuUse(3_000_000, 9_000_000);
        assertThat(end.perOperation(start, 1000, "the ledger JVM")).isEqualTo("the ledger JVM 2.0 µs, the whole machine 4.0 µs");
        assertThat(end.perOperation(new CpuUse(-1, 5_000_000), 1000, "p")).isEqualTo("p NaN µs, the whole machine 4.0 µs");
    }
}
