package io.tradenet.lc.credit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.scheduler.Scheduled;
import io.tradenet.contract.http.ProblemException;
import io.tradenet.contract.json.Json;
import io.tradenet.contract.json.MalformedDocumentException;
import io.tradenet.contract.notary.NotarisationOutcome;
import io.tradenet.contract.notary.NotarisationRequest;
import io.tradenet.contract.party.NetworkIdentity;
import io.tradenet.contract.party.Role;
import io.tradenet.contract.trade.Actions;
import io.tradenet.contract.trade.Amendment;
import io.tradenet.contract.trade.CreditTerms;
import io.tradenet.contract.trade.PresentedDocument;
import io.tradenet.contract.tx.Instruction;
import io.tradenet.contract.tx.SignedInstruction;
import io.tradenet.contract.tx.StateRef;
import io.tradenet.contract.tx.TransactionBuilder;
import io.tradenet.contract.tx.WireTransaction;
import io.tradenet.lc.config.LcConfig;
import io.tradenet.lc.examination.BankingCalendar;
import io.tradenet.lc.shipment.ShipmentStore;
import io.tradenet.lc.swift.Mt700;
import io.tradenet.lc.swift.Mt707;
import io.tradenet.lc.swift.Mt734;
import io.tradenet.lc.instruction.InstructionVerifier;
import io.tradenet.lc.notarisation.NotaryClient;
import io.tradenet.contract.http.OutcomeProblems;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The credit lifecycle. Every state change is a transaction built deterministically from the acting
 * party's signed instruction (so a re-sent request is the same transaction), notarised, and only then
 * recorded here. A transition is recorded as pending before it is sent: if this service stops before
 * the answer arrives, the recovery job re-sends it and applies the notary's (unchanged) answer.
 */
@ApplicationScoped
public class CreditService {

    private static final Logger LOG = Logger.getLogger(CreditService.class);

    /** What a submission led to: the credit, and whether it is final or still waiting for the notary. */
    public record Result(CreditView credit, boolean pending) {
    }

    @Inject
    NetworkIdentity identity;

    @Inject
    LcConfig config;

    @Inject
    InstructionVerifier verifier;

    @Inject
    NotaryClient notary;

    @Inject
    CreditStore store;

    @Inject
    ShipmentStore shipments;

    @Inject
    io.tradenet.lc.metrics.LcMetrics metrics;

    private Lifecycle lifecycle;

    @jakarta.annotation.PostConstruct
    void calendar() {
        lifecycle = new Lifecycle(new BankingCalendar(new java.util.HashSet<>(config.holidays().orElse(List.of()))));
    }

    /**
     * UCP 600 art. 7: the issuing bank issues the credit and is bound by it from then on.
     * {@code caller} is the authenticated party: it must be the instruction's signer.
     */
    public Result issue(SignedInstruction submission, String caller) throws SQLException {
        Instruction instruction = verifier.verify(submission, Actions.ISSUE_CREDIT, Set.of(Role.BANK), caller);
        if (!instruction.consumes().isEmpty() || !instruction.references().isEmpty()) {
            throw ProblemException.unprocessable("invalid-instruction", "an issuance consumes and references no state");
        }
        CreditTerms terms = termsOf(instruction.body());
        CreditValidation.requireValid(terms, identity.registry());
        if (!terms.issuingBank().equals(instruction.signer())) {
            throw ProblemException.forbidden("wrong-party", "only the issuing bank named in the credit (" + terms.issuingBank()
                    + ") may issue it; signed by " + instruction.signer());
        }
        JsonNode state = stateOf(terms, CreditStatus.ISSUED, 1);
        WireTransaction tx = TransactionBuilder.forNotary(config.notary())
                .timeWindow(instruction.timeWindow())
                .output(Actions.STATE_LETTER_OF_CREDIT, participants(terms), state)
                .withSignedInstruction(submission);
        NotarisationRequest request = NotarisationRequest.of(tx, instruction.signer());
        String txId = tx.id();

        try (Connection c = store.connection()) {
            c.setAutoCommit(false);
            try {
                store.claimInstruction(c, instruction, txId, terms.reference());
                if (store.find(c, terms.reference()).isPresent()) {
                    throw ProblemException.conflict("reference-taken", "a credit with number " + terms.reference() + " exists (field 20)");
                }
                store.insertPendingIssue(c, terms, Json.write(state));
                store.insertPending(c, txId, terms.reference(), Actions.ISSUE_CREDIT, request);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                if (e instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                    throw ProblemException.conflict("reference-taken", "a credit with number " + terms.reference() + " exists (field 20)");
                }
                throw e;
            }
        }
        NotarisationOutcome outcome = await(request);
        return apply(terms.reference(), txId, Actions.ISSUE_CREDIT, instruction.signer(), tx, outcome);
    }

    /**
     * A credit as its parties and regulators see it; {@code readScope} non-null restricts the read to a
     * credit that party is party to. Another party's credit answers 404 like a missing one, so its
     * existence does not leak.
     */
    public CreditView get(String reference, String readScope) throws SQLException {
        try (Connection c = store.connection()) {
            return store.find(c, reference)
                    .filter(view -> readScope == null || Lifecycle.participants(view.state()).contains(readScope))
                    .orElseThrow(() -> ProblemException.notFound("no credit " + reference));
        }
    }

    /** The most recent credits the reader may see (all for a regulator, {@code readScope} null), optionally of one status. */
    public List<CreditView> list(String readScope, CreditStatus status, int limit) throws SQLException {
        try (Connection c = store.connection()) {
            return store.recent(c, readScope, status, limit).stream()
                    .filter(view -> readScope == null || Lifecycle.participants(view.state()).contains(readScope))
                    .toList();
        }
    }

    /** Who may sign each lifecycle action (the credit-specific party is checked by {@link Lifecycle}). */
    private static final Map<String, Set<Role>> ACTION_ROLES = Map.ofEntries(
            Map.entry(Actions.ADVISE_CREDIT, Set.of(Role.BANK)), Map.entry(Actions.AMEND_CREDIT, Set.of(Role.BANK)),
            Map.entry(Actions.ADVISE_AMENDMENT, Set.of(Role.BANK)),
            Map.entry(Actions.ACCEPT_AMENDMENT, Set.of(Role.BENEFICIARY)), Map.entry(Actions.REJECT_AMENDMENT, Set.of(Role.BENEFICIARY)),
            Map.entry(Actions.PRESENT_DOCUMENTS, Set.of(Role.BENEFICIARY)), Map.entry(Actions.NOTICE_OF_COMPLETENESS, Set.of(Role.BENEFICIARY)),
            Map.entry(Actions.HONOUR, Set.of(Role.BANK)), Map.entry(Actions.REFUSE, Set.of(Role.BANK)),
            Map.entry(Actions.WAIVE_DISCREPANCIES, Set.of(Role.APPLICANT)), Map.entry(Actions.CANCEL_CREDIT, Set.of(Role.BANK)),
            Map.entry(Actions.AGREE_CANCELLATION, Set.of(Role.BANK, Role.BENEFICIARY)));

    /**
     * A step in an issued credit's life (advise, amend, answer an amendment, present, honour, refuse,
     * waive): the signed instruction consumes the credit's current state, so two competing steps on the
     * same version cannot both be notarised. {@code caller} must be the signer.
     */
    public Result act(String reference, SignedInstruction submission, String caller) throws SQLException {
        String action = submission.instruction() == null ? "" : submission.instruction().path("action").asText("");
        if (!Lifecycle.ACTIONS.contains(action)) {
            throw ProblemException.badRequest("wrong-action", "this endpoint takes one of " + new TreeSet<>(Lifecycle.ACTIONS) + ", not " + action);
        }
        Instruction instruction = verifier.verify(submission, action, ACTION_ROLES.get(action), caller);
        if (instruction.body() == null || !reference.equals(instruction.body().path("reference").asText(null))) {
            throw ProblemException.badRequest("malformed-instruction", "the instruction body must name the credit: {\"reference\": \"" + reference + "\", ...}");
        }
        CreditView current;
        try (Connection c = store.connection()) {
            current = store.find(c, reference)
                    .filter(view -> Lifecycle.participants(view.state()).contains(instruction.signer()))
                    .orElseThrow(() -> ProblemException.notFound("no credit " + reference));
        }
        if (current.stateRef() == null || current.status() == CreditStatus.PENDING_ISSUE) {
            throw ProblemException.conflict("wrong-state", "credit " + reference + " is not issued yet");
        }
        StateRef currentRef = StateRef.parse(current.stateRef());
        ShipmentStore.EblState ebl = Actions.PRESENT_DOCUMENTS.equals(action) ? presentedEbl(instruction, current) : null;
        List<StateRef> inputs = ebl == null ? List.of(currentRef) : List.of(currentRef, StateRef.parse(ebl.stateRef()));
        if (!instruction.consumes().equals(inputs) || !instruction.references().isEmpty()) {
            throw ProblemException.conflict("stale-state", "the instruction must consume exactly the credit's current state " + currentRef
                    + (ebl == null ? "" : " and the presented eBL state " + ebl.stateRef())
                    + " (version " + current.version() + ")").with("stateRef", currentRef.toString()).with("version", current.version());
        }
        Amendment amendment = Actions.AMEND_CREDIT.equals(action) ? amendmentOf(instruction.body(), current) : null;
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        ObjectNode next = lifecycle.apply((ObjectNode) current.state(), instruction, amendment,
                ebl == null ? null : transportDocument(ebl, current.reference()), today);
        TransactionBuilder builder = TransactionBuilder.forNotary(config.notary())
                .consume(inputs)
                .timeWindow(instruction.timeWindow())
                .output(Actions.STATE_LETTER_OF_CREDIT, Lifecycle.participants(next), next);
        if (ebl != null) {
            // presenting the eBL endorses it to the issuing bank: its state is consumed, so it cannot be presented or pledged again
            builder.output(Actions.STATE_EBL, endorsedParticipants(ebl, next), endorse(ebl, Lifecycle.terms(next).issuingBank(), current.reference(), today));
        }
        WireTransaction tx = builder.withSignedInstruction(submission);
        NotarisationRequest request = NotarisationRequest.of(tx, instruction.signer());
        String txId = tx.id();
        try (Connection c = store.connection()) {
            c.setAutoCommit(false);
            try {
                store.claimInstruction(c, instruction, txId, reference);
                store.insertPending(c, txId, reference, action, request);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        return apply(reference, txId, action, instruction.signer(), tx, await(request));
    }

    /** The eBL a presentation names ({@code presentation.ebl}: its state reference), which the presenter must hold in that state. */
    private ShipmentStore.EblState presentedEbl(Instruction instruction, CreditView credit) throws SQLException {
        String ref = instruction.body().path("presentation").path("ebl").asText(null);
        if (ref == null) {
            return null;
        }
        ShipmentStore.EblState ebl;
        try (Connection c = shipments.connection()) {
            ebl = shipments.eblState(c, ref).orElseThrow(() -> ProblemException.notFound("no electronic bill of lading state " + ref));
        }
        if (!ebl.holder().equals(instruction.signer())) {
            throw ProblemException.forbidden("not-the-holder", "the eBL " + ebl.number() + " in state " + ref + " is held by " + ebl.holder()
                    + ", not by " + instruction.signer());
        }
        return ebl;
    }

    private static PresentedDocument transportDocument(ShipmentStore.EblState ebl, String credit) {
        JsonNode e = ebl.state();
        return new PresentedDocument(PresentedDocument.BILL_OF_LADING, ebl.number(), credit, e.path("carrier").asText(), null, null,
                e.path("goods").asText(), LocalDate.parse(e.path("onBoardDate").asText()), true, e.path("clean").asBoolean(true), true,
                e.path("portOfLoading").asText(), e.path("portOfDischarge").asText(), e.path("carrier").asText(), e.path("vessel").asText(), false, null);
    }

    private static ObjectNode endorse(ShipmentStore.EblState ebl, String to, String credit, LocalDate on) {
        ObjectNode next = ((ObjectNode) ebl.state()).deepCopy();
        next.put("holder", to);
        next.withArray("endorsements").addObject().put("from", ebl.holder()).put("to", to).put("credit", credit).put("on", on.toString());
        return next;
    }

    private static List<String> endorsedParticipants(ShipmentStore.EblState ebl, JsonNode credit) {
        Set<String> parties = new LinkedHashSet<>(List.of(ebl.state().path("carrier").asText(), Lifecycle.terms(credit).issuingBank(), ebl.holder()));
        return new ArrayList<>(parties);
    }

    /**
     * UCP 600 art. 6(d), 29: a credit whose expiry date has passed expires. The service itself signs the
     * ExpireCredit instruction with its GATEWAY key, so the expiry is a notarised transaction like any step.
     */
    @Scheduled(every = "${tradenet.lc.expiry-check:60s}", delayed = "20s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void expireCredits() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<CreditView> open;
        try (Connection c = store.connection()) {
            open = store.open(c);
        } catch (SQLException e) {
            LOG.warnf("expiry check skipped: %s", e.getMessage());
            return;
        }
        for (CreditView credit : open) {
            CreditTerms terms = Lifecycle.terms(credit.state());
            if (terms.expiryDate() == null || !today.isAfter(terms.expiryDate())) {
                continue;
            }
            try {
                StateRef ref = StateRef.parse(credit.stateRef());
                Instruction instruction = new Instruction(java.util.UUID.randomUUID().toString(), Actions.EXPIRE_CREDIT, identity.name(),
                        config.notary(), List.of(ref), List.of(), io.tradenet.contract.tx.TimeWindow.around(Instant.now(), java.time.Duration.ofMinutes(5)),
                        Json.mapper().createObjectNode().put("reference", credit.reference()));
                SignedInstruction signed = SignedInstruction.sign(instruction, identity.key());
                ObjectNode next = lifecycle.apply((ObjectNode) credit.state(), instruction, null, today);
                WireTransaction tx = TransactionBuilder.forNotary(config.notary()).consume(ref).timeWindow(instruction.timeWindow())
                        .output(Actions.STATE_LETTER_OF_CREDIT, Lifecycle.participants(next), next).withSignedInstruction(signed);
                NotarisationRequest request = NotarisationRequest.of(tx, instruction.signer());
                try (Connection c = store.connection()) {
                    store.insertPending(c, tx.id(), credit.reference(), Actions.EXPIRE_CREDIT, request);
                }
                apply(credit.reference(), tx.id(), Actions.EXPIRE_CREDIT, instruction.signer(), tx, await(request));
                LOG.infof("credit %s expired (expiry date %s)", credit.reference(), terms.expiryDate());
            } catch (ProblemException e) {
                LOG.infof("credit %s not expired: %s", credit.reference(), e.getMessage());
            } catch (SQLException | RuntimeException e) {
                LOG.warnf("expiry of %s failed, retried on the next check: %s", credit.reference(), e.getMessage());
            }
        }
    }

    private Amendment amendmentOf(JsonNode body, CreditView current) {
        CreditTerms terms = Lifecycle.terms(current.state());
        if (body.hasNonNull("mt707")) {
            try {
                return Mt707.read(body.get("mt707").asText(), current.reference(), terms.currency());
            } catch (Mt700.Mt700Exception e) {
                throw ProblemException.unprocessable("invalid-mt707", e.getMessage()).with("errors", e.errors());
            }
        }
        try {
            return Json.bind(body.path("amendment"), Amendment.class);
        } catch (MalformedDocumentException e) {
            throw ProblemException.badRequest("malformed-instruction", "amendment: " + e.getMessage());
        }
    }

    /** The refusal notice of a refused presentation as an MT734 (art. 16). */
    public String mt734(CreditView view, String presentationId) {
        for (JsonNode p : view.state().path("presentations")) {
            if (p.path("id").asText().equals(presentationId)) {
                if (!"REFUSED".equals(p.path("status").asText()) && !"WAIVED".equals(p.path("status").asText())
                        && !p.hasNonNull("refusedOn")) {
                    throw ProblemException.conflict("not-refused", "presentation " + presentationId + " was not refused");
                }
                return Mt734.write(Lifecycle.terms(view.state()), p, identity.registry());
            }
        }
        throw ProblemException.notFound("no presentation " + presentationId + " under credit " + view.reference());
    }

    /**
     * Amendment {@code number} (26E) as an MT707, issuing bank to advising bank, dated (field 30) the day its
     * AmendCredit step was recorded (amendments are numbered in the order they were made, so amendment n is
     * the credit's n-th AmendCredit). The pending amendment and every answered one are kept in the state
     * ({@code answeredAmendments}); a credit answered before they were kept says so (404).
     */
    public String mt707(CreditView view, int number) throws SQLException {
        JsonNode found = null;
        JsonNode pending = view.state().get("pendingAmendment");
        if (pending != null && !pending.isNull() && pending.path("number").asInt(-1) == number) {
            found = pending;
        }
        for (JsonNode answered : view.state().path("answeredAmendments")) {
            if (found == null && answered.path("number").asInt(-1) == number) {
                found = answered;
            }
        }
        if (found == null) {
            boolean answered = number >= 1 && number <= view.state().path("amendments").asInt(0);
            throw ProblemException.notFound(answered
                    ? "amendment " + number + " of credit " + view.reference() + " was answered before the service kept answered "
                            + "amendments' text (accepted amendments are part of its terms, GET /api/credits/" + view.reference() + "/mt700)"
                    : "no amendment " + number + " of credit " + view.reference());
        }
        Amendment amendment = Json.bind(found, Amendment.class);
        Instant amendedAt;
        try (Connection c = store.connection()) {
            amendedAt = store.recordedAt(c, view.reference(), Actions.AMEND_CREDIT, number).orElse(view.updatedAt());
        }
        return Mt707.write(Lifecycle.terms(view.state()), amendment, LocalDate.ofInstant(amendedAt, ZoneOffset.UTC), identity.registry());
    }

    /** The credit's current terms as an MT700. */
    public String mt700(CreditView view) {
        return Mt700.write(Lifecycle.terms(view.state()), identity.registry());
    }

    /** Records the notary's answer for a pending transition; permanent rejections undo the pending state. */
    Result apply(String reference, String txId, String action, String signer, WireTransaction tx, NotarisationOutcome outcome)
            throws SQLException {
        if (!outcome.permanent()) {
            try (Connection c = store.connection()) {
                CreditView pending = store.find(c, reference).orElseThrow();
                return new Result(pending, true);
            }
        }
        try (Connection c = store.connection()) {
            c.setAutoCommit(false);
            try {
                boolean first = store.deletePending(c, txId);
                if (outcome instanceof NotarisationOutcome.Success success) {
                    StateRef stateRef = new StateRef(txId, 0);
                    JsonNode state = tx.outputs().get(0).data();
                    int version = state.path("version").asInt();
                    if (first) {
                        if (!store.advance(c, reference, version - 1, CreditStatus.valueOf(state.path("status").asText()), version,
                                stateRef.toString(), txId, Json.write(state))) {
                            throw new SQLException("credit " + reference + " moved on while " + txId + " was notarised");
                        }
                        store.recordHistory(c, reference, version, action, CreditStatus.valueOf(state.path("status").asText()), txId,
                                stateRef.toString(), signer);
                        if (tx.outputs().size() > 1 && Actions.STATE_EBL.equals(tx.outputs().get(1).type())) {
                            JsonNode ebl = tx.outputs().get(1).data();
                            shipments.recordEbl(c, new StateRef(txId, 1).toString(), ebl.path("number").asText(), ebl.path("holder").asText(), ebl);
                        }
                    }
                    c.commit();
                    if (first) {
                        metrics.creditStepRecorded(action, tx);
                    }
                    CreditView view = store.find(c, reference).orElseThrow();
                    return new Result(new CreditView(view.reference(), view.status(), view.version(), view.stateRef(), view.txId(),
                            view.state(), success.signature(), view.updatedAt()), false);
                }
                if (first && Actions.ISSUE_CREDIT.equals(action)) {
                    store.deletePendingIssue(c, reference);
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        throw OutcomeProblems.problem(outcome);
    }

    /** Re-sends transitions that never got an answer (this service stopped, or Kafka was away). */
    @Scheduled(every = "10s", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void recover() {
        List<CreditStore.Pending> pending;
        try (Connection c = store.connection()) {
            pending = store.pendingOlderThan(c, Instant.now().minus(config.recoverAfter()));
        } catch (SQLException e) {
            LOG.warnf("recovery skipped: %s", e.getMessage());
            return;
        }
        for (CreditStore.Pending p : pending) {
            try {
                NotarisationOutcome outcome = await(p.request());
                apply(p.reference(), p.txId(), p.action(), p.request().requester(), p.request().parsedTransaction(), outcome);
                LOG.infof("recovered %s of %s: %s", p.action(), p.reference(), outcome.code());
            } catch (ProblemException e) {
                LOG.infof("recovered %s of %s: refused (%s)", p.action(), p.reference(), e.getMessage());
            } catch (SQLException | RuntimeException e) {
                LOG.warnf("recovery of %s failed: %s", p.txId(), e.getMessage());
            }
        }
    }

    private NotarisationOutcome await(NotarisationRequest request) {
        return notary.await(request, config.notaryTimeout());
    }


    /**
     * The credit an issuance carries: {@code {"credit": CreditTerms}} as JSON, or {@code {"mt700": "<FIN text>"}}
     * (the issuing bank signs the MT700 text itself; its fields are mapped through Prowide, each error naming its field).
     */
    CreditTerms termsOf(JsonNode body) {
        JsonNode mt700 = body == null ? null : body.get("mt700");
        if (mt700 != null) {
            if (!mt700.isTextual()) {
                throw ProblemException.badRequest("malformed-instruction", "'mt700' must be the FIN message as a string");
            }
            try {
                return Mt700.read(mt700.asText(), identity.registry());
            } catch (Mt700.Mt700Exception e) {
                throw ProblemException.unprocessable("invalid-mt700", e.getMessage()).with("errors", e.errors());
            }
        }
        return terms(body);
    }

    static CreditTerms terms(JsonNode body) {
        JsonNode credit = body == null ? null : body.get("credit");
        if (credit == null || !credit.isObject()) {
            throw ProblemException.badRequest("malformed-instruction", "the instruction body needs a 'credit' object or an 'mt700' text");
        }
        try {
            return Json.bind(credit, CreditTerms.class);
        } catch (MalformedDocumentException e) {
            throw ProblemException.badRequest("malformed-credit", e.getMessage());
        }
    }

    static JsonNode stateOf(CreditTerms terms, CreditStatus status, int version) {
        ObjectNode state = Json.mapper().createObjectNode();
        state.set("terms", Json.tree(terms));
        state.put("status", status.name());
        state.put("version", version);
        return state;
    }

    static List<String> participants(CreditTerms terms) {
        Set<String> parties = new LinkedHashSet<>();
        parties.add(terms.issuingBank());
        parties.add(terms.applicant());
        parties.add(terms.beneficiary());
        if (terms.advisingBank() != null) {
            parties.add(terms.advisingBank());
        }
        return new ArrayList<>(parties);
    }
}
