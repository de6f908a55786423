package io.tradenet.lc.metrics;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradenet.contract.json.Json;
import io.tradenet.contract.notary.NotarisationOutcome;
import io.tradenet.contract.party.DemoNetwork;
import io.tradenet.contract.trade.Actions;
import io.tradenet.contract.trade.CreditTerms;
import io.tradenet.contract.tx.Instruction;
import io.tradenet.contract.tx.SignedInstruction;
import io.tradenet.contract.tx.TimeWindow;
import io.tradenet.contract.tx.TransactionState;
import io.tradenet.contract.tx.WireTransaction;
import io.tradenet.deploy.demo.DemoCredits;
import io.tradenet.deploy.demo.TradeClient;
import io.tradenet.lc.credit.CreditStatus;
import io.tradenet.lc.credit.Lifecycle;
import io.tradenet.lc.examination.BankingCalendar;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What the letter-of-credit metrics count, driven by the real lifecycle's states. */
class LcMetricsTest {

    private static final Lifecycle LIFE = new Lifecycle(new BankingCalendar(Set.of()));
    private static final CreditTerms T = DemoCredits.machinery("LC26SH000117");
    private static final LocalDate TODAY = T.issueDate();

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final LcMetrics metrics = new LcMetrics(registry, null);

    private static ObjectNode issued() {
        ObjectNode state = Json.mapper().createObjectNode();
        state.set("terms", Json.tree(T));
        state.put("status", "ISSUED");
        state.put("version", 1);
        return state;
    }

    /** Applies the step as the service does, then tells the metrics that its notarised transaction was recorded. */
    private ObjectNode recorded(ObjectNode state, String action, String signer, ObjectNode body) {
        body.put("reference", T.reference());
        Instruction instruction = new Instruction(UUID.randomUUID().toString(), action, signer, DemoNetwork.NOTARY, List.of(), List.of(),
                TimeWindow.around(Instant.now(), Duration.ofMinutes(5)), body);
        ObjectNode next = LIFE.apply(state, instruction, null, TODAY);
        WireTransaction tx = new WireTransaction(DemoNetwork.NOTARY, List.of(), List.of(),
                List.of(new TransactionState(Actions.STATE_LETTER_OF_CREDIT, Lifecycle.participants(next), next)),
                List.of(new SignedInstruction(Json.tree(instruction), "not-checked-here")), instruction.timeWindow());
        metrics.creditStepRecorded(action, tx);
        return next;
    }

    private static ObjectNode presentation(String id) {
        return Json.mapper().createObjectNode().put("presentation", id);
    }

    private double count(String name, String tag, String value) {
        return registry.get(name).tag(tag, value).counter().count();
    }

    @Test
    void aDiscrepantPresentationIsCountedOnceWithEachDiscrepancyUnderItsArticleThenItsRefusalAndWaiver() {
        ObjectNode state = recorded(issued(), Actions.PRESENT_DOCUMENTS, T.beneficiary(), TradeClient.presentation(T, "P1", "2000000.00", null));
        assertThat(state.path("presentations").get(0).path("status").asText()).isEqualTo("DISCREPANT");
        assertThat(count(LcMetrics.PRESENTATIONS, LcMetrics.TAG_OUTCOME, "DISCREPANT")).isEqualTo(1);
        assertThat(count(LcMetrics.PRESENTATIONS, LcMetrics.TAG_OUTCOME, "COMPLYING")).isZero();
        // art. 30: more than the credit amount with its 5% tolerance
        assertThat(count(LcMetrics.DISCREPANCIES, LcMetrics.TAG_ARTICLE, "30")).isEqualTo(1);
        double discrepancies = registry.find(LcMetrics.DISCREPANCIES).counters().stream().mapToDouble(c -> c.count()).sum();
        assertThat(discrepancies).isEqualTo(state.path("presentations").get(0).path("discrepancies").size());

        state = recorded(state, Actions.REFUSE, T.issuingBank(), presentation("P1"));
        state = recorded(state, Actions.WAIVE_DISCREPANCIES, T.applicant(), presentation("P1"));
        assertThat(count(LcMetrics.PRESENTATION_DECISIONS, LcMetrics.TAG_DECISION, "REFUSED")).isEqualTo(1);
        assertThat(count(LcMetrics.PRESENTATION_DECISIONS, LcMetrics.TAG_DECISION, "WAIVED")).isEqualTo(1);
        assertThat(count(LcMetrics.PRESENTATION_DECISIONS, LcMetrics.TAG_DECISION, "HONOURED")).isZero();
        assertThat(count(LcMetrics.PRESENTATIONS, LcMetrics.TAG_OUTCOME, "DISCREPANT")).as("decisions are not examinations").isEqualTo(1);
    }

    @Test
    void aComplyingPresentationCountsNoDiscrepancyAndItsHonourIsADecision() {
        ObjectNode state = recorded(issued(), Actions.PRESENT_DOCUMENTS, T.beneficiary(), TradeClient.presentation(T, "P1", T.amount(), null));
        recorded(state, Actions.HONOUR, T.issuingBank(), presentation("P1"));
        assertThat(count(LcMetrics.PRESENTATIONS, LcMetrics.TAG_OUTCOME, "COMPLYING")).isEqualTo(1);
        assertThat(registry.find(LcMetrics.DISCREPANCIES).counters()).isEmpty();
        assertThat(count(LcMetrics.PRESENTATION_DECISIONS, LcMetrics.TAG_DECISION, "HONOURED")).isEqualTo(1);
    }

    @Test
    void anElectronicPresentationIsCountedWhenItIsExaminedAtItsNoticeOfCompleteness() {
        ObjectNode body = TradeClient.presentation(T, "E1", T.amount(), null);
        ((ObjectNode) body.get("presentation")).put("electronic", true);
        ObjectNode state = recorded(issued(), Actions.PRESENT_DOCUMENTS, T.beneficiary(), body);
        assertThat(count(LcMetrics.PRESENTATIONS, LcMetrics.TAG_OUTCOME, "COMPLYING")
                + count(LcMetrics.PRESENTATIONS, LcMetrics.TAG_OUTCOME, "DISCREPANT")).isZero();

        recorded(state, Actions.NOTICE_OF_COMPLETENESS, T.beneficiary(), presentation("E1"));
        assertThat(count(LcMetrics.PRESENTATIONS, LcMetrics.TAG_OUTCOME, "COMPLYING")).isEqualTo(1);
    }

    @Test
    void stepsWithoutAPresentationCountNothing() {
        recorded(issued(), Actions.ADVISE_CREDIT, T.advisingBank(), Json.mapper().createObjectNode().put("confirm", true));
        double all = registry.find(LcMetrics.PRESENTATIONS).counters().stream().mapToDouble(c -> c.count()).sum()
                + registry.find(LcMetrics.PRESENTATION_DECISIONS).counters().stream().mapToDouble(c -> c.count()).sum();
        assertThat(all).isZero();
    }

    @Test
    void everyTaggedSeriesExistsAtZeroBeforeItsFirstEvent() {
        for (String code : NotarisationOutcome.codes()) {
            assertThat(count(LcMetrics.NOTARISATION_OUTCOMES, LcMetrics.TAG_OUTCOME, code)).isZero();
        }
        for (CreditStatus status : CreditStatus.values()) {
            assertThat(registry.get(LcMetrics.CREDITS).tag(LcMetrics.TAG_STATUS, status.name()).gauge().value()).isZero();
        }
        assertThat(registry.get(LcMetrics.SHIPMENTS).gauges()).hasSize(6);
        assertThat(registry.get(LcMetrics.SHIPMENT_MILESTONES).counters()).hasSize(6);
        assertThat(registry.get(LcMetrics.PRESENTATION_DECISIONS).counters()).hasSize(3);
        assertThat(count(io.tradenet.contract.messaging.DeadLetterPublisher.METRIC, "topic", "notary-replies")).isZero();
    }

    @Test
    void notaryAnswersAreCountedByOutcomeAndTimedFromTheRequest() {
        long sent = System.nanoTime();
        metrics.notarisationRequested();
        metrics.notarisationRequested();
        metrics.notarisationAnswered(new NotarisationOutcome.Conflict("tx", List.of()), sent);
        metrics.notarisationAnswered(new NotarisationOutcome.General("tx", "no answer in time", 1000), sent);
        assertThat(registry.get(LcMetrics.NOTARISATION_REQUESTS).counter().count()).isEqualTo(2);
        assertThat(count(LcMetrics.NOTARISATION_OUTCOMES, LcMetrics.TAG_OUTCOME, "CONFLICT")).isEqualTo(1);
        assertThat(count(LcMetrics.NOTARISATION_OUTCOMES, LcMetrics.TAG_OUTCOME, "GENERAL")).isEqualTo(1);
        assertThat(count(LcMetrics.NOTARISATION_OUTCOMES, LcMetrics.TAG_OUTCOME, "SUCCESS")).isZero();
        assertThat(registry.get(LcMetrics.NOTARISATION_LATENCY).timer().count()).isEqualTo(2);
    }

    @Test
    void creditsAndShipmentsByStatusComeFromTheDatabaseSoARestartedInstanceReportsTheSame() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:lc-metrics-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE credit (reference VARCHAR(16) PRIMARY KEY, status VARCHAR(20) NOT NULL)");
            s.execute("CREATE TABLE shipment (id VARCHAR(32) PRIMARY KEY, status VARCHAR(20) NOT NULL)");
            s.execute("INSERT INTO credit VALUES ('LC1', 'ISSUED'), ('LC2', 'ISSUED'), ('LC3', 'FULLY_DRAWN')");
            s.execute("INSERT INTO shipment VALUES ('SHP-1', 'LOADED_ON_BOARD')");
            metrics.refresh(c);
            assertThat(gauge(registry, LcMetrics.CREDITS, "ISSUED")).isEqualTo(2);
            assertThat(gauge(registry, LcMetrics.CREDITS, "FULLY_DRAWN")).isEqualTo(1);
            assertThat(gauge(registry, LcMetrics.CREDITS, "CONFIRMED")).isZero();
            assertThat(gauge(registry, LcMetrics.SHIPMENTS, "LOADED_ON_BOARD")).isEqualTo(1);

            s.execute("UPDATE credit SET status = 'CONFIRMED' WHERE reference = 'LC2'");
            MeterRegistry afterRestart = new SimpleMeterRegistry();
            new LcMetrics(afterRestart, null).refresh(c);
            assertThat(gauge(afterRestart, LcMetrics.CREDITS, "ISSUED")).isEqualTo(1);
            assertThat(gauge(afterRestart, LcMetrics.CREDITS, "CONFIRMED")).isEqualTo(1);
            assertThat(gauge(afterRestart, LcMetrics.CREDITS, "FULLY_DRAWN")).isEqualTo(1);
        }
    }

    private static double gauge(MeterRegistry registry, String name, String status) {
        return registry.get(name).tag(LcMetrics.TAG_STATUS, status).gauge().value();
    }
}
