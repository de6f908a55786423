package io.tradenet.deploy.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Nearest-rank percentiles and medians for benchmark summaries, and percentiles of what a service's own
 * Prometheus histogram observed between two scrapes.
 */
public final class Percentiles {

    private Percentiles() {
    }

    public static double percentile(long[] sortedNanos, double p) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        // nearest rank; the small allowance keeps binary fractions (0.999 * 150,000 = 149,850.00000000003) from
        // rounding up to the next rank
        int rank = (int) Math.ceil(p / 100.0 * sortedNanos.length - 1e-9);
        return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, rank - 1))] / 1e6;
    }

    public static long[] sorted(List<Long> values) {
        long[] out = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(out);
        return out;
    }

    public static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /**
     * A Prometheus histogram's cumulative bucket counts by upper bound ({@code le}, +Inf as
     * {@link Double#POSITIVE_INFINITY}), summed over every series of that name in {@code prometheusText}
     * (several services' scrapes may be concatenated: their buckets add up).
     */
    public static TreeMap<Double, Double> histogram(String prometheusText, String name) {
        return histogram(prometheusText, name, null, null);
    }

    /**
     * As {@link #histogram(String, String)}, over only the series whose label {@code label} is {@code value}
     * (every series when {@code label} is null).
     */
    public static TreeMap<Double, Double> histogram(String prometheusText, String name, String label, String value) {
        Pattern bucket = Pattern.compile("^" + Pattern.quote(name) + "_bucket\\{([^}]*)} (\\S+)", Pattern.MULTILINE);
        Pattern only = label == null ? null : labelPattern(label, Pattern.quote(value));
        TreeMap<Double, Double> counts = new TreeMap<>();
        Matcher m = bucket.matcher(prometheusText);
        while (m.find()) {
            if (only != null && !only.matcher(m.group(1)).find()) {
                continue;
            }
            Matcher le = LE.matcher(m.group(1));
            if (le.find()) {
                counts.merge(number(le.group(1)), number(m.group(2)), Double::sum);
            }
        }
        return counts;
    }

    /**
     * The sum of every series named {@code name} in {@code prometheusText} (a counter, or a timer's {@code _count}
     * or {@code _sum}; several services' scrapes may be concatenated), NaN if there is no such series.
     */
    public static double total(String prometheusText, String name) {
        Matcher m = Pattern.compile("^" + Pattern.quote(name) + "(?:\\{[^}]*})? (\\S+)", Pattern.MULTILINE).matcher(prometheusText);
        double sum = Double.NaN;
        while (m.find()) {
            sum = (Double.isNaN(sum) ? 0 : sum) + number(m.group(1));
        }
        return sum;
    }

    private static final Pattern LE = labelPattern("le", "[^\"]+");

    /** A label of a series' label set, anchored (so that {@code cycle="2"} is not read as {@code e="2"}), its value as group 1. */
    private static Pattern labelPattern(String label, String valueRegex) {
        return Pattern.compile("(?:^|,)\\s*" + Pattern.quote(label) + "=\"(" + valueRegex + ")\"");
    }

    private static double number(String text) {
        return text.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(text);
    }

    /**
     * The {@code p}-th percentile, in milliseconds, of the observations (in seconds) a histogram gained between
     * two scrapes, as Prometheus's histogram_quantile computes it: the bucket holding that rank, linear within it
     * (its lower bound if that bucket is the +Inf one). NaN if nothing was observed in between.
     */
    public static double percentileMillis(Map<Double, Double> before, TreeMap<Double, Double> after, double p) {
        double total = after.lastEntry() == null ? 0 : after.lastEntry().getValue() - before.getOrDefault(after.lastKey(), 0.0);
        if (total <= 0) {
            return Double.NaN;
        }
        double rank = p / 100.0 * total;
        double lower = 0;
        double below = 0;
        for (Map.Entry<Double, Double> bucket : after.entrySet()) {
            double upper = bucket.getKey();
            double cumulative = bucket.getValue() - before.getOrDefault(upper, 0.0);
            if (cumulative >= rank) {
                if (Double.isInfinite(upper)) {
                    return lower * 1000;
                }
                double within = cumulative - below;
                return (lower + (upper - lower) * (within == 0 ? 1 : (rank - below) / within)) * 1000;
            }
            lower = upper;
            below = cumulative;
        }
        return lower * 1000;
    }
}
