package io.tradenet.deploy.bench;

import io.tradenet.deploy.bench.WakeupProbe.LateWakeups;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The notary benchmark reports how late the host ran a ready thread over its latency phase, beside the
 * answers' p99, so that the part of a tail the host itself causes is a number in every run.
 */
class WakeupProbeTest {

    private static final long MS = 1_000_000;

    @Test
    void eachOverrunCountsOnceInItsSizeClassWhoseUpperBoundIsExclusive() {
        LateWakeups late = new LateWakeups();
        for (long overrun : new long[] {0, 999_999, MS, 2 * MS - 1, 2 * MS, 9 * MS, 10 * MS, 49 * MS, 50 * MS, 100 * MS, 400 * MS}) {
            late.add(overrun, 0);
        }

        // <1, 1-2, 2-5, 5-10, 10-20, 20-50, 50-100, >=100 ms
        assertThat(late.counts()).containsExactly(2, 2, 1, 1, 1, 1, 1, 2);
        assertThat(late.wakeups()).isEqualTo(11);
    }

    @Test
    void aSleepThatEndsEarlyCountsAsOnTime() {
        LateWakeups late = new LateWakeups();
        late.add(-50_000, 0);

        assertThat(late.counts()[0]).isEqualTo(1);
        assertThat(late.summary(10 * MS)).doesNotContain("longest");
    }

    @Test
    void theShareOfThePhaseInLongOverrunsAddsOnlyThoseOfTenMillisecondsOrMore() {
        LateWakeups late = new LateWakeups();
        late.add(9 * MS, 0);          // not long: left out
        late.add(10 * MS, 5 * MS);
        late.add(40 * MS, 7 * MS);

        // 50 ms of a 1 s phase
        assertThat(late.summary(1000 * MS)).contains("in overruns of 10 ms or more 0.05 s, 5.0% of the phase");
    }

    @Test
    void theFiveLongestAreReportedLongestFirstWithWhenTheyBegan() {
        LateWakeups late = new LateWakeups();
        long[] overruns = {12, 3, 54, 17, 12, 31, 1, 20};
        for (int i = 0; i < overruns.length; i++) {
            late.add(overruns[i] * MS, TimeUnit.SECONDS.toNanos(i + 1));
        }

        String summary = late.summary(TimeUnit.SECONDS.toNanos(9));
        assertThat(summary).endsWith("longest (after the phase's start): +3.00 s: 54 ms, +6.00 s: 31 ms, +8.00 s: 20 ms, "
                + "+4.00 s: 17 ms, +1.00 s: 12 ms");
        assertThat(summary).startsWith("the host's delay in running a ready thread over that phase (a client thread waking from 1 ms "
                + "sleeps, 8 times): late by 1-2 ms 1, 2-5 ms 1, 5-10 ms 0, 10-20 ms 3, 20-50 ms 2, 50-100 ms 1, >= 100 ms 0;");
    }

    @Test
    void theProbeWakesAboutOnceAMillisecondUntilClosedAndThenStops() throws InterruptedException {
        WakeupProbe probe = WakeupProbe.start();
        Thread.sleep(200);
        probe.close();

        assertThat(probe.isRunning()).isFalse();
        String summary = probe.summary();
        long wakeups = Long.parseLong(summary.replaceAll(".*sleeps, (\\d+) times.*", "$1"));
        // at most one a millisecond; on a busy machine far fewer may fit in 200 ms, but some always do
        assertThat(wakeups).isBetween(1L, 200L);
    }
}
