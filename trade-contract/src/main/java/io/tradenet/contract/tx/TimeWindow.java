package io.tradenet.contract.tx;

import java.time.Duration;
import java.time.Instant;

/**
 * The interval [from, until) in which a transaction may be notarised, against the notary's clock.
 * Either bound may be open (null) but not both.
 */
public record TimeWindow(Instant from, Instant until) {

    public TimeWindow {
        if (from == null && until == null) {
            throw new IllegalArgumentException("a time window needs at least one bound");
        }
        if (from != null && until != null && !from.isBefore(until)) {
            throw new IllegalArgumentException("time window 'from' must be before 'until'");
        }
    }

    public static TimeWindow between(Instant from, Instant until) {
        return new TimeWindow(from, until);
    }

    /** A window opening a little before now (tolerating clock skew) and closing after the given validity. */
    public static TimeWindow around(Instant now, Duration validity) {
        return new TimeWindow(now.minusSeconds(60), now.plus(validity));
    }

    public boolean contains(Instant instant) {
        return (from == null || !instant.isBefore(from)) && (until == null || instant.isBefore(until));
    }
}
