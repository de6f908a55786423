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
     * How long the first request of a batch waits for others before the batch goes to the notary in one
     * signed envelope: longer means fewer envelopes (one Ed25519 signature each, here and at the notary)
     * and a little more latency.
     */
    @WithDefault("2ms")
    Duration notaryBatchLinger();

    /** Longest validity a party may give an instruction's time window (bounds replays). */
    @WithDefault("1h")
    Duration maxTimeWindow();

    /** Pending transitions older than this are re-submitted to the notary by the recovery job (idempotent). */
    @WithDefault("30s")
    Duration recoverAfter();

    /** Bank holidays (ISO dates) the banking-day calendar skips besides weekends (UCP 600 art. 14(b)). */
    Optional<List<LocalDate>> holidays();
}
