package io.tradenet.ledger.append;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Ledger metrics: entries appended [tradenet_ledger_appends_total], tree size [tradenet_ledger_size],
 * seconds since the last checkpoint [tradenet_ledger_checkpoint_age_seconds], time from receiving a
 * notarised transaction to its inclusion in a signed checkpoint [tradenet_ledger_integration_latency_seconds],
 * out-of-order transactions waiting [tradenet_ledger_pending], audit stream subscribers.
 */
@ApplicationScoped
public class LedgerMetrics {

    private final MeterRegistry registry;
    private final Counter appends;
    private final Counter duplicates;
    private final Timer integration;
    private final Counter auditRelayFailures;

    @Inject
    public LedgerMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.appends = Counter.builder("tradenet.ledger.appends").description("entries appended").register(registry);
        this.duplicates = Counter.builder("tradenet.ledger.duplicates")
                .description("notarised transactions received again and dropped").register(registry);
        this.auditRelayFailures = Counter.builder("tradenet.ledger.audit.relay.failures")
                .description("times the ledger-audit topic relay stopped on a storage failure").register(registry);
        this.integration = Timer.builder("tradenet.ledger.integration.latency")
                .description("from receiving a notarised transaction to its inclusion in a signed checkpoint")
                .publishPercentiles(0.5, 0.99).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(30)).register(registry);
    }

    public void gauge(String name, String description, Supplier<Number> value) {
        Gauge.builder(name, value).description(description).register(registry);
    }

    public void appended(int count) {
        appends.increment(count);
    }

    public void auditRelayFailed() {
        auditRelayFailures.increment();
    }

    public void duplicate() {
        duplicates.increment();
    }

    public void integrated(long receivedNanos, long signedNanos) {
        integration.record(Duration.ofNanos(Math.max(0, signedNanos - receivedNanos)));
    }
}
