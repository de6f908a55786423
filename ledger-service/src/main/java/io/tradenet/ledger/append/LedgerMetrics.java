package io.tradenet.ledger.append;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tradenet.contract.messaging.DeadLetterPublisher;
import io.tradenet.contract.messaging.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Ledger metrics: entries appended [tradenet_ledger_appends_total], tree size [tradenet_ledger_size],
 * seconds since the last checkpoint [tradenet_ledger_checkpoint_age_seconds], time from receiving a
 * notarised transaction to its inclusion in a signed checkpoint [tradenet_ledger_integration_latency_seconds],
 * out-of-order transactions waiting [tradenet_ledger_pending], time to serve a proof on the server
 * [tradenet_ledger_proof_latency_seconds{kind=inclusion|consistency}], audit stream subscribers.
 * Every name is a constant here (the gauges are registered by the classes that own the values); the
 * service README lists them.
 */
@ApplicationScoped
public class LedgerMetrics {

    public static final String SIZE = "tradenet.ledger.size";
    public static final String PENDING = "tradenet.ledger.pending";
    public static final String IN_FLIGHT = "tradenet.ledger.batches.in.flight";
    public static final String CHECKPOINT_AGE = "tradenet.ledger.checkpoint.age.seconds";
    public static final String APPENDS = "tradenet.ledger.appends";
    public static final String DUPLICATES = "tradenet.ledger.duplicates";
    public static final String INTEGRATION_LATENCY = "tradenet.ledger.integration.latency";
    public static final String PROOF_LATENCY = "tradenet.ledger.proof.latency";
    public static final String AUDIT_SUBSCRIBERS = "tradenet.ledger.audit.subscribers";
    public static final String AUDIT_RELAY_POSITION = "tradenet.ledger.audit.relay.position";
    public static final String AUDIT_RELAY_FAILURES = "tradenet.ledger.audit.relay.failures";

    private final MeterRegistry registry;
    private final Counter appends;
    private final Counter duplicates;
    private final Timer integration;
    private final Counter auditRelayFailures;
    private final Timer inclusionProofs;
    private final Timer consistencyProofs;

    @Inject
    public LedgerMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.appends = Counter.builder(APPENDS).description("entries appended").register(registry);
        this.duplicates = Counter.builder(DUPLICATES)
                .description("notarised transactions received again and dropped").register(registry);
        this.auditRelayFailures = Counter.builder(AUDIT_RELAY_FAILURES)
                .description("times the ledger-audit topic relay stopped on a storage failure").register(registry);
        this.integration = Timer.builder(INTEGRATION_LATENCY)
                .description("from receiving a notarised transaction to its inclusion in a signed checkpoint")
                .publishPercentiles(0.5, 0.99).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(30)).register(registry);
        this.inclusionProofs = proofTimer(registry, "inclusion");
        this.consistencyProofs = proofTimer(registry, "consistency");
        DeadLetterPublisher.counter(registry, Topics.NOTARISED_TRANSACTIONS);
    }

    /** Server side only (database read and hashing), so that a client can tell its own latency from the ledger's. */
    private static Timer proofTimer(MeterRegistry registry, String kind) {
        return Timer.builder(PROOF_LATENCY).tag("kind", kind)
                .description("time to serve a proof from the stored tree, on the server (database read and hashing)")
                .publishPercentiles(0.5, 0.99).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(100_000)).maximumExpectedValue(Duration.ofSeconds(10)).register(registry);
    }

    public void inclusionProofServed(long startedNanos) {
        inclusionProofs.record(Duration.ofNanos(System.nanoTime() - startedNanos));
    }

    public void consistencyProofServed(long startedNanos) {
        consistencyProofs.record(Duration.ofNanos(System.nanoTime() - startedNanos));
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
