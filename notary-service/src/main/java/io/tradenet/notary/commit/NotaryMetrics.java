package io.tradenet.notary.commit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tradenet.contract.messaging.DeadLetterPublisher;
import io.tradenet.contract.messaging.Topics;
import io.tradenet.contract.notary.NotarisationOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The notary's business metrics (Prometheus names in brackets): commits and input states committed
 * [tradenet_notary_commits_total, tradenet_notary_input_states_total], answers by outcome
 * [tradenet_notary_outcomes_total{outcome}], conflicts and time-window rejections, queue depth, batch
 * size, commit latency with p50/p95/p99 [tradenet_notary_commit_latency_seconds], cluster members, and
 * the time each batch spends in each step of its database transaction
 * [tradenet_notary_store_latency_seconds{step}]: a slow disk shows in step {@code commit} (the WAL flush),
 * contention between members in {@code lock}; and how old a Kafka record of requests was when the notary
 * began on it [tradenet_notary_request_age_seconds].
 * Every name is a constant here; the service README lists them. Series with a tag (outcomes, dead
 * letters) are registered at start for every value, so they exist at 0 before the first event.
 */
@ApplicationScoped
public class NotaryMetrics {

    public static final String COMMITS = "tradenet.notary.commits";
    public static final String INPUT_STATES = "tradenet.notary.input.states";
    public static final String CONFLICTS = "tradenet.notary.conflicts";
    public static final String TIME_WINDOW_REJECTIONS = "tradenet.notary.time.window.rejections";
    public static final String OUTCOMES = "tradenet.notary.outcomes";
    public static final String BATCH_SIZE = "tradenet.notary.batch.size";
    public static final String COMMIT_LATENCY = "tradenet.notary.commit.latency";
    public static final String QUEUE_DEPTH = "tradenet.notary.queue.depth";
    public static final String CLUSTER_MEMBERS = "tradenet.notary.cluster.members";
    public static final String STORE_LATENCY = "tradenet.notary.store.latency";
    public static final String REQUEST_AGE = "tradenet.notary.request.age";
    /** Tag of {@link #OUTCOMES}: the outcome's wire name (SUCCESS, CONFLICT, ...), as in the letter-of-credit service. */
    public static final String TAG_OUTCOME = "outcome";
    /** Tag of {@link #STORE_LATENCY}: a {@link StoreStep}, in lower case. */
    public static final String TAG_STEP = "step";

    /**
     * The steps of a batch's database transaction, in order, from the moment it has its connection (waiting for
     * one from the pool is not counted): each committed batch records one time per step. A batch whose
     * transaction fails records none (its failure is logged and its callers get a temporary error).
     */
    public enum StoreStep {
        /** Waiting for the commit-clock row lock, which orders the commits of all members: contention shows here. */
        LOCK,
        /** Reading the answers recorded for the batch's transactions and the consumers of its states. */
        READ,
        /** Deciding each request and signing the batch (CPU, inside the transaction). */
        DECIDE,
        /** Inserting the consumed states, answers and the batch, and advancing the clock. */
        WRITE,
        /** COMMIT: the database makes the batch durable (its WAL flush); a slow or stalling disk shows here. */
        COMMIT;

        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final MeterRegistry registry;
    private final Counter commits;
    private final Counter inputStates;
    private final Counter conflicts;
    private final Counter timeWindowRejections;
    private final DistributionSummary batchSize;
    private final Timer commitLatency;
    private final Timer requestAge;
    private final Map<String, Counter> outcomes = new ConcurrentHashMap<>();
    private final Map<StoreStep, Timer> storeSteps = new EnumMap<>(StoreStep.class);

    @Inject
    public NotaryMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.commits = Counter.builder(COMMITS).description("transactions committed").register(registry);
        this.inputStates = Counter.builder(INPUT_STATES).description("input states consumed").register(registry);
        this.conflicts = Counter.builder(CONFLICTS).description("requests refused for a double spend").register(registry);
        this.timeWindowRejections = Counter.builder(TIME_WINDOW_REJECTIONS)
                .description("requests outside their time window").register(registry);
        this.batchSize = DistributionSummary.builder(BATCH_SIZE).description("requests per committed batch")
                .publishPercentiles(0.5, 0.99).register(registry);
        this.commitLatency = Timer.builder(COMMIT_LATENCY)
                .description("from a request entering the queue to its answer: durable, and handed to the caller")
                .publishPercentiles(0.5, 0.95, 0.99).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
        this.requestAge = Timer.builder(REQUEST_AGE)
                .description("how old a Kafka record of requests was when the notary began on it (its timestamp, set by the "
                        + "requester's producer, to now): the way there, as the commit latency is the time inside")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
        for (StoreStep step : StoreStep.values()) {
            storeSteps.put(step, Timer.builder(STORE_LATENCY).tag(TAG_STEP, step.tag())
                    .description("time a committed batch spent in one step of its database transaction")
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofNanos(100_000)).maximumExpectedValue(Duration.ofSeconds(10))
                    .register(registry));
        }
        NotarisationOutcome.codes().forEach(this::outcomeCounter);
        DeadLetterPublisher.counter(registry, Topics.NOTARY_REQUESTS);
    }

    private Counter outcomeCounter(String code) {
        return outcomes.computeIfAbsent(code, c -> Counter.builder(OUTCOMES).tag(TAG_OUTCOME, c)
                .description("answers given, by outcome").register(registry));
    }

    public void queueDepth(Supplier<Number> depth) {
        Gauge.builder(QUEUE_DEPTH, depth).description("requests waiting to be committed").register(registry);
    }

    /** Records how long a batch spent in one step of its database transaction. */
    public void stored(StoreStep step, long nanos) {
        storeSteps.get(step).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Records the age of a record of requests when the notary began on it, from its (wall-clock) timestamp. */
    public void requestAge(long millis) {
        requestAge.record(Math.max(0, millis), TimeUnit.MILLISECONDS);
    }

    public void batch(int size) {
        batchSize.record(size);
    }

    public void answered(NotarisationOutcome outcome, long enqueuedNanos, int inputs, boolean newlyCommitted) {
        outcomeCounter(outcome.code()).increment();
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
