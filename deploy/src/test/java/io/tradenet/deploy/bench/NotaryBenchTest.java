package io.tradenet.deploy.bench;

import org.junit.jupiter.api.Test;

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
}
