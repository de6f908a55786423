package io.tradenet.contract.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Per-party API rate limit ({@code tradenet.rate-limit.*}), shared by the three services. */
@ConfigMapping(prefix = "tradenet.rate-limit")
public interface RateLimitConfig {

    /** Requests one party may make per period; more are refused with 429 and a Retry-After. */
    @WithDefault("500")
    int requestsPerPeriod();

    @WithDefault("1s")
    Duration period();
}
