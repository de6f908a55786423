package io.tradenet.contract.security;

/** A party exceeded its request budget; answered with 429 and a Retry-After in seconds. */
public class RateLimitedException extends RuntimeException {

    private final transient String party;
    private final long retryAfterSeconds;

    public RateLimitedException(String party, long retryAfterSeconds) {
        super(party + " exceeded its request rate");
        this.party = party;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public String party() {
        return party;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
