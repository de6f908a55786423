package io.tradenet.notary.commit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tradenet.contract.notary.NotarisationOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The notary's business metrics (Prometheus names in brackets): commits and input states committed
 * [tradenet_notary_commits_total, tradenet_notary_input_states_total], answers by outcome
 * [tradenet_notary_outcomes_total{outcome}], conflicts and time-window rejections, queue depth, batch
 * size, commit latency with p50/p95/p99 [tradenet_notary_commit_latency_seconds], cluster members.
 */
@ApplicationScoped
public class NotaryMetrics {

    private final MeterRegistry registry;
    private final Counter commits;
    private final Counter inputStates;
    private final Counter conflicts;
    private final Counter timeWindowRejections;
    private final DistributionSummary batchSize;
    private final Timer commitLatency;
    private final Map<String, Counter> outcomes = new ConcurrentHashMap<>();

    @Inject
    public NotaryMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.commits = Counter.builder("tradenet.notary.commits").description("transactions committed").register(registry);
        this.inputStates = Counter.builder("tradenet.notary.input.states").description("input states consumed").register(registry);
        this.conflicts = Counter.builder("tradenet.notary.conflicts").description("requests refused for a double spend").register(registry);
        this.timeWindowRejections = Counter.builder("tradenet.notary.time.window.rejections")
                .description("requests outside their time window").register(registry);
        this.batchSize = DistributionSummary.builder("tradenet.notary.batch.size").description("requests per committed batch")
                .publishPercentiles(0.5, 0.99).register(registry);
        this.commitLatency = Timer.builder("tradenet.notary.commit.latency")
                .description("from a request entering the queue to its answer being durable")
                .publishPercentiles(0.5, 0.95, 0.99).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
    }

    public void queueDepth(Supplier<Number> depth) {
        Gauge.builder("tradenet.notary.queue.depth", depth).description("requests waiting to be committed").register(registry);
    }

    public void batch(int size) {
        batchSize.record(size);
    }

    public void answered(NotarisationOutcome outcome, long enqueuedNanos, int inputs, boolean newlyCommitted) {
        outcomes.computeIfAbsent(outcome.code(), code -> Counter.builder("tradenet.notary.outcomes")
                .tag("outcome", code).description("answers given, by outcome").register(registry)).increment();
        if (enqueuedNanos > 0) {
            commitLatency.record(Duration.ofNanos(System.nanoTime() - enqueuedNanos));
        }
        if (outcome instanceof NotarisationOutcome.Success && newlyCommitted) {
            commits.increment();
            inputStates.increment(inputs);
        } else if (outcome instanceof NotarisationOutcome.Conflict) {
            conflicts.increment();
        } else if (outcome instanceof NotarisationOutcome.TimeWindowInvalid) {
            timeWindowRejections.increment();
        }
    }
}
