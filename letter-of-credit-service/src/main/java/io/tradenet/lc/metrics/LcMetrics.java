package io.tradenet.lc.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.scheduler.Scheduled;
import io.tradenet.contract.messaging.DeadLetterPublisher;
import io.tradenet.contract.messaging.Topics;
import io.tradenet.contract.notary.NotarisationOutcome;
import io.tradenet.contract.service.Database;
import io.tradenet.contract.trade.Actions;
import io.tradenet.contract.tx.WireTransaction;
import io.tradenet.lc.credit.CreditStatus;
import io.tradenet.lc.shipment.ShipmentService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The letter-of-credit service's business metrics; every name is a constant here and the service README
 * lists them (Prometheus names: dots become underscores, counters end in {@code _total}, timers in
 * {@code _seconds}).
 * <ul>
 * <li>credits and shipments by status are gauges read from the database ({@code GROUP BY status}, every
 * few seconds), so they are right after a restart and with several instances;</li>
 * <li>presentations by examination outcome, decisions on presentations, discrepancies by UCP 600
 * article, notarisations asked for and their outcomes, shipment milestones and dead letters are
 * counters, counted when the notarised step is recorded (so once per step, not per retry).</li>
 * </ul>
 * Tagged series are registered at start for every known value, so each exists at 0 before its first event.
 */
@ApplicationScoped
public class LcMetrics {

    public static final String CREDITS = "tradenet.lc.credits";
    public static final String SHIPMENTS = "tradenet.lc.shipments";
    public static final String PRESENTATIONS = "tradenet.lc.presentations";
    public static final String PRESENTATION_DECISIONS = "tradenet.lc.presentation.decisions";
    public static final String DISCREPANCIES = "tradenet.lc.discrepancies";
    public static final String NOTARISATION_REQUESTS = "tradenet.lc.notarisation.requests";
    public static final String NOTARISATION_OUTCOMES = "tradenet.lc.notarisation.outcomes";
    public static final String NOTARISATION_LATENCY = "tradenet.lc.notarisation.latency";
    public static final String SHIPMENT_MILESTONES = "tradenet.lc.shipment.milestones";

    public static final String TAG_STATUS = "status";
    /** The examination's result (COMPLYING, DISCREPANT) on presentations; the notary's outcome code on notarisations, as in the notary. */
    public static final String TAG_OUTCOME = "outcome";
    public static final String TAG_DECISION = "decision";
    public static final String TAG_ARTICLE = "article";
    public static final String TAG_MILESTONE = "milestone";

    /** What an examination concludes (art. 14, 15, 16). */
    public static final List<String> EXAMINATION_OUTCOMES = List.of("COMPLYING", "DISCREPANT");
    /** What the banks and the applicant then decide: honour (art. 15), refuse (art. 16), waive (art. 16(b)). */
    public static final List<String> DECISIONS = List.of("HONOURED", "REFUSED", "WAIVED");
    private static final Map<String, String> DECIDED_BY = Map.of(Actions.HONOUR, "HONOURED", Actions.REFUSE, "REFUSED",
            Actions.WAIVE_DISCREPANCIES, "WAIVED");
    private static final Set<String> EXAMINED_BY = Set.of(Actions.PRESENT_DOCUMENTS, Actions.NOTICE_OF_COMPLETENESS);

    private static final Logger LOG = Logger.getLogger(LcMetrics.class);

    private final MeterRegistry registry;
    private final Database database;
    private final Map<String, AtomicLong> credits = new LinkedHashMap<>();
    private final Map<String, AtomicLong> shipments = new LinkedHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Counter notarisationRequests;
    private final Timer notarisationLatency;

    @Inject
    public LcMetrics(MeterRegistry registry, Database database) {
        this.registry = registry;
        this.database = database;
        for (CreditStatus status : CreditStatus.values()) {
            AtomicLong count = new AtomicLong();
            credits.put(status.name(), count);
            Gauge.builder(CREDITS, count, AtomicLong::get).tag(TAG_STATUS, status.name())
                    .description("credits in this status (from the database)").register(registry);
        }
        for (String status : ShipmentService.MILESTONES) {
            AtomicLong count = new AtomicLong();
            shipments.put(status, count);
            Gauge.builder(SHIPMENTS, count, AtomicLong::get).tag(TAG_STATUS, status)
                    .description("shipments whose latest milestone is this one (from the database)").register(registry);
        }
        this.notarisationRequests = Counter.builder(NOTARISATION_REQUESTS)
                .description("notarisation requests sent to the notary (re-sends included)").register(registry);
        this.notarisationLatency = Timer.builder(NOTARISATION_LATENCY)
                .description("from sending a notarisation request to its answer (or giving up waiting)")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
        NotarisationOutcome.codes().forEach(code -> counter(NOTARISATION_OUTCOMES, TAG_OUTCOME, code));
        EXAMINATION_OUTCOMES.forEach(outcome -> counter(PRESENTATIONS, TAG_OUTCOME, outcome));
        DECISIONS.forEach(decision -> counter(PRESENTATION_DECISIONS, TAG_DECISION, decision));
        ShipmentService.MILESTONES.forEach(milestone -> counter(SHIPMENT_MILESTONES, TAG_MILESTONE, milestone));
        DeadLetterPublisher.counter(registry, Topics.NOTARY_REPLIES);
    }

    private Counter counter(String name, String tag, String value) {
        return counters.computeIfAbsent(name + '\u0000' + value, key -> Counter.builder(name).tag(tag, value)
                .description(DESCRIPTIONS.get(name)).register(registry));
    }

    private static final Map<String, String> DESCRIPTIONS = Map.of(
            NOTARISATION_OUTCOMES, "notary answers received (GENERAL also when none came in time), by outcome",
            PRESENTATIONS, "presentations examined, by outcome",
            PRESENTATION_DECISIONS, "decisions on examined presentations",
            DISCREPANCIES, "discrepancies found on examination, by UCP 600 article",
            SHIPMENT_MILESTONES, "shipment milestones recorded (BOOKED included)");

    /** A notarisation request is on its way to the notary. */
    public void notarisationRequested() {
        notarisationRequests.increment();
    }

    /** The answer to a request sent at {@code sentNanos} ({@link System#nanoTime()}); a timeout is GENERAL. */
    public void notarisationAnswered(NotarisationOutcome outcome, long sentNanos) {
        notarisationLatency.record(Duration.ofNanos(Math.max(0, System.nanoTime() - sentNanos)));
        if (outcome != null) {
            counter(NOTARISATION_OUTCOMES, TAG_OUTCOME, outcome.code()).increment();
        }
    }

    /**
     * A notarised credit transition was recorded (once per transition): counts the examination of a
     * presentation (when documents are presented, or for an electronic presentation at its notice of
     * completeness) with its discrepancies by article, and decisions on a presentation.
     */
    public void creditStepRecorded(String action, WireTransaction tx) {
        if (tx.outputs().isEmpty() || tx.commands().isEmpty()) {
            return;
        }
        JsonNode presentation = presentationActedOn(tx.commands().get(0).instruction().path("body"), tx.outputs().get(0).data());
        if (presentation == null) {
            return;
        }
        String status = presentation.path("status").asText();
        if (EXAMINED_BY.contains(action) && EXAMINATION_OUTCOMES.contains(status)) {
            counter(PRESENTATIONS, TAG_OUTCOME, status).increment();
            for (JsonNode discrepancy : presentation.path("discrepancies")) {
                counter(DISCREPANCIES, TAG_ARTICLE, discrepancy.path("article").asText("unknown")).increment();
            }
        } else if (DECIDED_BY.containsKey(action) && DECIDED_BY.get(action).equals(status)) {
            counter(PRESENTATION_DECISIONS, TAG_DECISION, status).increment();
        }
    }

    /** The presentation an instruction body names ({@code presentation}: the presentation itself, or its id) in the credit's new state. */
    static JsonNode presentationActedOn(JsonNode body, JsonNode state) {
        JsonNode named = body.path("presentation");
        String id = named.isObject() ? named.path("id").asText(null) : named.asText(null);
        if (id == null || id.isEmpty()) {
            return null;
        }
        for (JsonNode p : state.path("presentations")) {
            if (id.equals(p.path("id").asText())) {
                return p;
            }
        }
        return null;
    }

    /** A shipment milestone (BOOKED included) was recorded. */
    public void shipmentMilestone(String milestone) {
        counter(SHIPMENT_MILESTONES, TAG_MILESTONE, milestone).increment();
    }

    /** A record from {@code topic} was refused and goes to its dead-letter topic. */
    public void deadLetter(String topic) {
        DeadLetterPublisher.counter(registry, topic).increment();
    }

    /** Reads credits and shipments by status from the database: two small GROUP BY queries. */
    @Scheduled(every = "${tradenet.lc.metrics-refresh:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        try (Connection c = database.connection()) {
            refresh(c);
        } catch (SQLException | RuntimeException e) {
            LOG.debugf("credit and shipment gauges not refreshed: %s", e.getMessage());
        }
    }

    void refresh(Connection c) throws SQLException {
        set(credits, countByStatus(c, "credit"));
        set(shipments, countByStatus(c, "shipment"));
    }

    private static void set(Map<String, AtomicLong> gauges, Map<String, Long> counts) {
        gauges.forEach((status, gauge) -> gauge.set(counts.getOrDefault(status, 0L)));
    }

    private static Map<String, Long> countByStatus(Connection c, String table) throws SQLException {
        if (!Arrays.asList("credit", "shipment").contains(table)) {
            throw new IllegalArgumentException(table);
        }
        Map<String, Long> counts = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT status, COUNT(*) FROM " + table + " GROUP BY status");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return counts;
    }
}
