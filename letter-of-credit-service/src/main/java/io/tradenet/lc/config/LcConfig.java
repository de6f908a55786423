package io.tradenet.lc.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Typed configuration of the letter-of-credit service ({@code tradenet.lc.*}). */
@ConfigMapping(prefix = "tradenet.lc")
public interface LcConfig {

    /** The notary every transaction of this network names. */
    @WithDefault("notary")
    String notary();

    /** How long a request waits for the notary's answer over Kafka before answering 503 (retry is safe). */
    @WithDefault("15s")
    Duration notaryTimeout();

    /**
     * How long the first request of an envelope waits for others before the envelope goes to the notary (one
     * Ed25519 signature here and one verification at the notary for all of them): requests that arrive together
     * travel together.
     */
    @WithDefault("2ms")
    Duration notaryBatchLinger();

    /**
     * The least time between two envelopes of requests to the notary: under a steady load an envelope carries what
     * arrived in this long rather than in one linger (at 2,500 requests/s, 12 or 13 rather than 5). Longer means
     * fewer, fuller envelopes and a longer wait at high rates; a quiet gateway only ever waits the linger.
     */
    @WithDefault("5ms")
    Duration notaryEnvelopeInterval();

    /** Longest validity a party may give an instruction's time window (bounds replays). */
    @WithDefault("1h")
    Duration maxTimeWindow();

    /** Pending transitions older than this are re-submitted to the notary by the recovery job (idempotent). */
    @WithDefault("30s")
    Duration recoverAfter();

    /** Bank holidays (ISO dates) the banking-day calendar skips besides weekends (UCP 600 art. 14(b)). */
    Optional<List<LocalDate>> holidays();
}
