package io.tradenet.deploy.bench;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The notary benchmark's report of the batches' database steps, read from the members' store-latency histograms. */
class NotaryBenchTest {

    /** A scrape with the same count in every step's buckets except commit, whose observations go to the given buckets. */
    private static String scrape(long everyStep, long commitUpTo1ms, long commitUpTo100ms, long commitAll) {
        StringBuilder text = new StringBuilder();
        for (String step : NotaryBench.STORE_STEPS) {
            boolean commit = step.equals("commit");
            text.append(bucket(step, "0.001", commit ? commitUpTo1ms : everyStep))
                    .append(bucket(step, "0.1", commit ? commitUpTo100ms : everyStep))
                    .append(bucket(step, "+Inf", commit ? commitAll : everyStep));
        }
        return text.toString();
    }

    private static String bucket(String step, String le, long count) {
        return NotaryBench.STORE_LATENCY + "_bucket{step=\"" + step + "\",le=\"" + le + "\"} " + count + "\n";
    }

    @Test
    void eachStepIsReportedFromItsOwnSeriesWithItsMedianP99AndTheBoundOfItsLargestObservation() {
        String before = scrape(0, 0, 0, 0);
        // every step: 100 batches within 1 ms; commit: 98 within 1 ms, one up to 100 ms, one beyond
        String after = scrape(100, 98, 99, 100);

        String line = NotaryBench.storeSteps(before, after);

        assertThat(line).startsWith("lock 0.5 / 1.0 / 1.0, read 0.5 / 1.0 / 1.0, decide ")
                .endsWith(", commit 0.5 / 100.0 / 100.0");
    }

    @Test
    void theMembersGcPausesAreCountedAndTimedOverThePhaseAcrossEveryMemberAndCause() {
        String before = gcScrape(10, 0.2, 3, 0.05) + gcScrape(4, 0.1, 0, 0);
        // member one: 12 more young pauses (240 ms) and 1 more remark (10 ms); member two: 2 more young pauses (50 ms)
        String after = gcScrape(22, 0.44, 4, 0.06) + gcScrape(6, 0.15, 0, 0);

        assertThat(NotaryBench.gcPauses(before, after))
                .isEqualTo("the members' GC pauses over that phase (jvm_gc_pause_seconds): 15, 300 ms in all, 20.0 ms on average");
    }

    @Test
    void aMemberWithoutTheJvmGcMetricsIsReportedAsSuchNotAsNoPauses() {
        assertThat(NotaryBench.gcPauses("other_metric 1\n", "other_metric 2\n"))
                .isEqualTo("the members' GC pauses over that phase: not in their metrics (jvm_gc_pause_seconds)");
    }

    @Test
    void aTotalSumsEverySeriesOfThatNameAndNoSeriesWhoseNameOnlyBeginsWithIt() {
        String text = "jvm_gc_pause_seconds_count{action=\"end of minor GC\"} 3.0\n"
                + "jvm_gc_pause_seconds_count{action=\"end of major GC\"} 1.0\n"
                + "jvm_gc_pause_seconds_count_other 100.0\n"
                + "unlabelled_total 7\n";

        assertThat(Percentiles.total(text, "jvm_gc_pause_seconds_count")).isEqualTo(4.0);
        assertThat(Percentiles.total(text, "unlabelled_total")).isEqualTo(7.0);
        assertThat(Percentiles.total(text, "absent")).isNaN();
    }

    /** One member's two pause series as Micrometer's Prometheus registry writes them. */
    private static String gcScrape(long young, double youngSeconds, long remark, double remarkSeconds) {
        String minor = "{action=\"end of minor GC\",cause=\"G1 Evacuation Pause\",gc=\"G1 Young Generation\"}";
        String concurrent = "{action=\"end of concurrent GC pause\",cause=\"G1 Remark\",gc=\"G1 Concurrent GC\"}";
        return "# TYPE jvm_gc_pause_seconds summary\n"
                + "jvm_gc_pause_seconds_count" + minor + " " + young + ".0\n"
                + "jvm_gc_pause_seconds_sum" + minor + " " + youngSeconds + "\n"
                + "jvm_gc_pause_seconds_count" + concurrent + " " + remark + ".0\n"
                + "jvm_gc_pause_seconds_sum" + concurrent + " " + remarkSeconds + "\n"
                + "jvm_gc_pause_seconds_max" + minor + " 0.03\n";
    }

    @Test
    void withAGatewayLingerThePacedPhasesSendTheRequestsArrivingWithinItInOneEnvelope() {
        Duration linger = Duration.ofMillis(2);
        assertThat(NotaryBench.perEnvelope(2_500, linger)).isEqualTo(5);
        assertThat(NotaryBench.perEnvelope(1_250, linger)).isEqualTo(3);
        assertThat(NotaryBench.perEnvelope(100, linger)).isEqualTo(1);
        assertThat(NotaryBench.perEnvelope(1_000_000, linger)).isEqualTo(50);
    }

    @Test
    void withoutAGatewayLingerThePacedPhasesSendEnvelopesOfFiftyAtAnyRate() {
        assertThat(NotaryBench.perEnvelope(2_500, null)).isEqualTo(50);
        assertThat(NotaryBench.perEnvelope(100, null)).isEqualTo(50);
    }

    @Test
    void theGatewaySendsAnEnvelopeWhenItsLingerEndsOrWhenItsLastRequestArrivedIfLater() {
        long[] five = NotaryBench.arrivals(1_000_000, 5, 2_500);
        assertThat(five).containsExactly(1_000_000, 1_400_000, 1_800_000, 2_200_000, 2_600_000);
        assertThat(NotaryBench.gatewaySends(five, Duration.ofMillis(2))).isEqualTo(3_000_000);
        // prepared for 2,500/s, sent at 1,250/s: the fifth request arrives after the linger
        long[] slower = NotaryBench.arrivals(0, 5, 1_250);
        assertThat(NotaryBench.gatewaySends(slower, Duration.ofMillis(2))).isEqualTo(3_200_000);
    }
}
