package io.tradenet.deploy.bench;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Percentiles of what a service's own Prometheus histogram observed between two scrapes: the benchmark's
 * view into the notary's share of the latency (its commit timer) beside what the client measures.
 */
class PercentilesTest {

    private static final String NAME = "tradenet_notary_commit_latency_seconds";

    /** One member's scrape as Micrometer's Prometheus registry writes it: buckets, count, sum, max and the published quantiles. */
    private static String scrape(double upTo10ms, double upTo20ms, double upTo50ms, double all) {
        return String.join("\n",
                "# HELP " + NAME + " from a request entering the queue to its answer",
                "# TYPE " + NAME + " histogram",
                NAME + "{quantile=\"0.99\"} 0.05",
                NAME + "_bucket{le=\"0.01\"} " + upTo10ms,
                NAME + "_bucket{le=\"0.02\"} " + upTo20ms,
                NAME + "_bucket{le=\"0.05\"} " + upTo50ms,
                NAME + "_bucket{le=\"+Inf\"} " + all,
                NAME + "_count " + all,
                NAME + "_sum 1.5",
                "tradenet_notary_batch_size_bucket{le=\"0.01\"} 999",
                NAME + "_max_bucket{le=\"0.01\"} 999",
                "");
    }

    @Test
    void theBucketsOfEveryScrapeOfTheHistogramAddUpAndNoOtherSeriesCounts() {
        TreeMap<Double, Double> buckets = Percentiles.histogram(scrape(1, 2, 3, 4) + scrape(10, 20, 30, 40), NAME);

        assertThat(buckets).containsExactlyEntriesOf(new TreeMap<>(Map.of(0.01, 11.0, 0.02, 22.0, 0.05, 33.0,
                Double.POSITIVE_INFINITY, 44.0)));
    }

    @Test
    void aBucketsBoundIsItsLeLabelNotALabelEndingInLe() {
        String text = NAME + "_bucket{cycle=\"2\",le=\"0.01\",member=\"a\"} 3\n" + NAME + "_bucket{cycle=\"2\",le=\"+Inf\"} 4\n";

        assertThat(Percentiles.histogram(text, NAME)).containsExactlyEntriesOf(new TreeMap<>(Map.of(0.01, 3.0, Double.POSITIVE_INFINITY, 4.0)));
    }

    @Test
    void aLabelFilterKeepsOnlyTheSeriesWithThatValueOfThatLabel() {
        String store = "tradenet_notary_store_latency_seconds";
        String text = store + "_bucket{le=\"0.01\",step=\"commit\"} 5\n" + store + "_bucket{le=\"+Inf\",step=\"commit\"} 6\n"
                + store + "_bucket{le=\"0.01\",step=\"lock\"} 50\n" + store + "_bucket{le=\"+Inf\",step=\"lock\"} 60\n"
                + store + "_bucket{le=\"0.01\",prestep=\"commit\"} 500\n";

        assertThat(Percentiles.histogram(text, store, "step", "commit"))
                .containsExactlyEntriesOf(new TreeMap<>(Map.of(0.01, 5.0, Double.POSITIVE_INFINITY, 6.0)));
        assertThat(Percentiles.histogram(text, store, "step", "lock"))
                .containsExactlyEntriesOf(new TreeMap<>(Map.of(0.01, 50.0, Double.POSITIVE_INFINITY, 60.0)));
    }

    @Test
    void theHundredthPercentileIsTheBoundOfTheBucketHoldingTheLargestObservation() {
        TreeMap<Double, Double> before = Percentiles.histogram(scrape(0, 0, 0, 0), NAME);
        TreeMap<Double, Double> after = Percentiles.histogram(scrape(90, 99, 100, 100), NAME);

        assertThat(Percentiles.percentileMillis(before, after, 100)).isCloseTo(50.0, within(1e-9));
    }

    @Test
    void thePercentileOfWhatWasObservedBetweenTwoScrapesIsInterpolatedWithinItsBucketAsHistogramQuantileDoes() {
        TreeMap<Double, Double> before = Percentiles.histogram(scrape(10, 10, 10, 10), NAME);
        // in between: 50 observations up to 10 ms, 40 from 10 to 20 ms, 10 from 20 to 50 ms
        TreeMap<Double, Double> after = Percentiles.histogram(scrape(60, 100, 110, 110), NAME);

        assertThat(Percentiles.percentileMillis(before, after, 50)).isCloseTo(10.0, within(1e-9));
        assertThat(Percentiles.percentileMillis(before, after, 70)).isCloseTo(15.0, within(1e-9));
        // rank 99 of 100 is the 9th of the 10 in (20, 50] ms: 20 + 30 * 9/10
        assertThat(Percentiles.percentileMillis(before, after, 99)).isCloseTo(47.0, within(1e-9));
    }

    @Test
    void aRankBeyondTheLastFiniteBucketIsThatBucketsBound() {
        TreeMap<Double, Double> before = Percentiles.histogram(scrape(0, 0, 0, 0), NAME);
        TreeMap<Double, Double> after = Percentiles.histogram(scrape(90, 90, 90, 100), NAME);

        assertThat(Percentiles.percentileMillis(before, after, 99)).isEqualTo(50.0);
    }

    @Test
    void nothingObservedBetweenTheScrapesHasNoPercentile() {
        TreeMap<Double, Double> scraped = Percentiles.histogram(scrape(5, 6, 7, 8), NAME);

        assertThat(Percentiles.percentileMillis(scraped, scraped, 99)).isNaN();
        assertThat(Percentiles.percentileMillis(Map.of(), new TreeMap<>(), 99)).isNaN();
    }

    @Test
    void theNearestRankOfAPercentileIsNotPushedUpByBinaryFractions() {
        // 99.9% of 150,000 answers is rank 149,850 exactly (0.999 * 150,000 is 149,850.00000000003 in binary)
        long[] sorted = new long[150_000];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = (i + 1) * 1_000_000L;   // rank r took r ms
        }

        assertThat(Percentiles.percentile(sorted, 99.9)).isEqualTo(149_850.0);
        assertThat(Percentiles.percentile(sorted, 99)).isEqualTo(148_500.0);
        assertThat(Percentiles.percentile(sorted, 100)).isEqualTo(150_000.0);
        assertThat(Percentiles.percentile(sorted, 50)).isEqualTo(75_000.0);
    }
}
