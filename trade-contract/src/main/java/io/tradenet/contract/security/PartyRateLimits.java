package io.tradenet.contract.security;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;

/**
 * One Resilience4j rate limiter per authenticated party. A request over the party's budget is refused
 * at once (no queueing) with {@link RateLimitedException}, which the services answer with 429.
 */
@ApplicationScoped
public class PartyRateLimits {

    private final RateLimiterRegistry registry;
    private final Duration period;

    @Inject
    public PartyRateLimits(RateLimitConfig config) {
        this.period = config.period();
        this.registry = RateLimiterRegistry.of(RateLimiterConfig.custom()
                .limitForPeriod(config.requestsPerPeriod())
                .limitRefreshPeriod(config.period())
                .timeoutDuration(Duration.ZERO)
                .build());
    }

    /** Takes one permit for the party or throws {@link RateLimitedException}. */
    public void acquire(String party) {
        RateLimiter limiter = registry.rateLimiter(party);
        if (!limiter.acquirePermission()) {
            throw new RateLimitedException(party, Math.max(1, (period.toMillis() + 999) / 1000));
        }
    }
}
