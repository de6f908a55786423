package io.tradenet.lc.shipment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.tradenet.contract.http.OutcomeProblems;
import io.tradenet.contract.http.ProblemException;
import io.tradenet.contract.json.Json;
import io.tradenet.contract.notary.NotarisationRequest;
import io.tradenet.contract.party.NetworkIdentity;
import io.tradenet.contract.party.Role;
import io.tradenet.contract.trade.Actions;
import io.tradenet.contract.tx.Instruction;
import io.tradenet.contract.tx.SignedInstruction;
import io.tradenet.contract.tx.StateRef;
import io.tradenet.contract.tx.TransactionBuilder;
import io.tradenet.contract.tx.WireTransaction;
import io.tradenet.lc.config.LcConfig;
import io.tradenet.lc.credit.CreditStore;
import io.tradenet.lc.instruction.InstructionVerifier;
import io.tradenet.lc.notarisation.NotaryClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Shipments as the carrier records them, as notarised transactions: booking, then milestones in order.
 * Loading on board issues the electronic bill of lading to the shipper as its own state, with exactly
 * one holder. Nothing is stored before the notary's Success; a temporary failure answers 503 and the
 * carrier resends the same instruction (the same transaction: the notary answers it again).
 */
@ApplicationScoped
public class ShipmentService {

    /** The milestones after booking, in the only order they may happen. */
    public static final List<String> MILESTONES = List.of("BOOKED", "GATED_IN", "LOADED_ON_BOARD", "DEPARTED", "ARRIVED", "DELIVERED");

    /** One shipment and who may see it. */
    public record View(String id, String carrier, String shipper, String status, int version, String stateRef, JsonNode state) {
    }

    @Inject
    ShipmentStore store;

    @Inject
    CreditStore credits;

    @Inject
    InstructionVerifier verifier;

    @Inject
    NotaryClient notary;

    @Inject
    LcConfig config;

    @Inject
    NetworkIdentity identity;

    @Inject
    io.tradenet.lc.metrics.LcMetrics metrics;

    private final BroadcastProcessor<JsonNode> milestones = BroadcastProcessor.create();

    public View book(SignedInstruction submission, String caller) throws SQLException {
        Instruction instruction = verifier.verify(submission, Actions.BOOK_SHIPMENT, Set.of(Role.CARRIER), caller);
        if (!instruction.consumes().isEmpty() || !instruction.references().isEmpty()) {
            throw ProblemException.unprocessable("invalid-instruction", "a booking consumes and references no state");
        }
        JsonNode s = instruction.body() == null ? null : instruction.body().path("shipment");
        String id = s == null ? "" : s.path("id").asText("");
        String shipper = s == null ? "" : s.path("shipper").asText("");
        if (!id.matches("[A-Z0-9-]{4,32}")) {
            throw ProblemException.badRequest("invalid-shipment", "a shipment id is 4 to 32 upper-case letters, digits or '-'");
        }
        if (!identity.registry().hasRole(shipper, Role.BENEFICIARY)) {
            throw ProblemException.unprocessable("invalid-shipment", "the shipper " + shipper + " is not a registered exporter (beneficiary)");
        }
        ObjectNode state = Json.mapper().createObjectNode();
        state.put("id", id);
        state.put("carrier", instruction.signer());
        state.put("shipper", shipper);
        for (String field : List.of("goods", "portOfLoading", "portOfDischarge", "vessel")) {
            String value = s.path(field).asText("");
            if (value.isBlank() || value.length() > 500) {
                throw ProblemException.badRequest("invalid-shipment", field + " is required (at most 500 characters)");
            }
            state.put(field, value);
        }
        state.put("status", "BOOKED");
        state.put("version", 1);
        state.putArray("milestones").addObject().put("milestone", "BOOKED").put("at", Instant.now().toString())
                .put("place", s.path("portOfLoading").asText());
        try (Connection c = store.connection()) {
            if (store.find(c, id).isPresent()) {
                throw ProblemException.conflict("shipment-exists", "shipment " + id + " is booked already");
            }
        }
        WireTransaction tx = TransactionBuilder.forNotary(config.notary()).timeWindow(instruction.timeWindow())
                .output(Actions.STATE_SHIPMENT, List.of(instruction.signer(), shipper), state)
                .withSignedInstruction(submission);
        notarise(tx, instruction);
        try (Connection c = store.connection()) {
            c.setAutoCommit(false);
            try {
                credits.claimInstruction(c, instruction, tx.id(), null);
                if (!store.save(c, id, instruction.signer(), shipper, "BOOKED", 1, new StateRef(tx.id(), 0).toString(), state, null)) {
                    throw ProblemException.conflict("shipment-exists", "shipment " + id + " is booked already");
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        publish(state);
        return new View(id, instruction.signer(), shipper, "BOOKED", 1, new StateRef(tx.id(), 0).toString(), state);
    }

    public View recordMilestone(String id, SignedInstruction submission, String caller) throws SQLException {
        Instruction instruction = verifier.verify(submission, Actions.RECORD_MILESTONE, Set.of(Role.CARRIER), caller);
        ShipmentStore.Stored current;
        try (Connection c = store.connection()) {
            current = store.find(c, id).filter(s -> s.carrier().equals(instruction.signer()))
                    .orElseThrow(() -> ProblemException.notFound("no shipment " + id + " of carrier " + instruction.signer()));
        }
        StateRef currentRef = StateRef.parse(current.stateRef());
        if (!instruction.consumes().equals(List.of(currentRef)) || !id.equals(instruction.body().path("shipment").asText())) {
            throw ProblemException.conflict("stale-state", "the instruction must name shipment " + id + " and consume its current state " + currentRef);
        }
        String milestone = instruction.body().path("milestone").asText("");
        int at = MILESTONES.indexOf(milestone);
        int now = MILESTONES.indexOf(current.status());
        if (at < 0) {
            throw ProblemException.badRequest("invalid-milestone", "a milestone is one of " + MILESTONES.subList(1, MILESTONES.size()));
        }
        if (at != now + 1) {
            throw ProblemException.conflict("wrong-state", "shipment " + id + " is " + current.status() + "; the next milestone is "
                    + (now + 1 < MILESTONES.size() ? MILESTONES.get(now + 1) : "none"));
        }
        String place = instruction.body().path("place").asText("");
        if (place.isBlank() || place.length() > 200) {
            throw ProblemException.badRequest("invalid-milestone", "the place is required (at most 200 characters)");
        }
        ObjectNode state = ((ObjectNode) current.state()).deepCopy();
        state.put("status", milestone);
        state.put("version", current.version() + 1);
        Instant time = Instant.now();
        ((ArrayNode) state.withArray("milestones")).addObject().put("milestone", milestone).put("at", time.toString()).put("place", place);
        TransactionBuilder builder = TransactionBuilder.forNotary(config.notary()).consume(currentRef).timeWindow(instruction.timeWindow())
                .output(Actions.STATE_SHIPMENT, List.of(current.carrier(), current.shipper()), state);
        ObjectNode ebl = null;
        if ("LOADED_ON_BOARD".equals(milestone)) {
            // the carrier issues the eBL to the shipper (UNCITRAL MLETR: one holder, exclusive control)
            ebl = Json.mapper().createObjectNode();
            ebl.put("number", "EBL-" + id);
            ebl.put("shipment", id);
            ebl.put("carrier", current.carrier());
            ebl.put("holder", current.shipper());
            ebl.put("shipper", current.shipper());
            ebl.put("vessel", state.path("vessel").asText());
            ebl.put("portOfLoading", state.path("portOfLoading").asText());
            ebl.put("portOfDischarge", state.path("portOfDischarge").asText());
            ebl.put("goods", state.path("goods").asText());
            ebl.put("onBoardDate", time.atZone(ZoneOffset.UTC).toLocalDate().toString());
            ebl.put("clean", true);
            ebl.putArray("endorsements");
            state.put("ebl", "EBL-" + id);
            builder.output(Actions.STATE_EBL, List.of(current.carrier(), current.shipper()), ebl);
        }
        WireTransaction tx = builder.withSignedInstruction(submission);
        notarise(tx, instruction);
        try (Connection c = store.connection()) {
            c.setAutoCommit(false);
            try {
                credits.claimInstruction(c, instruction, tx.id(), null);
                if (!store.save(c, id, current.carrier(), current.shipper(), milestone, current.version() + 1, new StateRef(tx.id(), 0).toString(),
                        state, ebl == null ? null : ebl.path("number").asText())) {
                    throw ProblemException.conflict("stale-state", "shipment " + id + " moved on meanwhile");
                }
                if (ebl != null) {
                    store.recordEbl(c, new StateRef(tx.id(), 1).toString(), ebl.path("number").asText(), current.shipper(), ebl);
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        publish(state);
        return new View(id, current.carrier(), current.shipper(), milestone, current.version() + 1, new StateRef(tx.id(), 0).toString(), state);
    }

    /** A shipment for its carrier, its shipper and regulators ({@code readScope} null); 404 for anyone else. */
    public View get(String id, String readScope) throws SQLException {
        try (Connection c = store.connection()) {
            return store.find(c, id)
                    .filter(s -> readable(s, readScope))
                    .map(ShipmentService::view)
                    .orElseThrow(() -> ProblemException.notFound("no shipment " + id));
        }
    }

    /** The most recently changed shipments the reader may see, newest first. */
    public List<View> list(String readScope, int limit) throws SQLException {
        try (Connection c = store.connection()) {
            return store.recent(c, readScope, limit).stream().filter(s -> readable(s, readScope)).map(ShipmentService::view).toList();
        }
    }

    private static boolean readable(ShipmentStore.Stored s, String readScope) {
        return readScope == null || readScope.equals(s.carrier()) || readScope.equals(s.shipper());
    }

    private static View view(ShipmentStore.Stored s) {
        return new View(s.id(), s.carrier(), s.shipper(), s.status(), s.version(), s.stateRef(), s.state());
    }

    /** The current eBL state of a shipment, if it has one. */
    public Optional<ShipmentStore.EblState> ebl(String stateRef) throws SQLException {
        try (Connection c = store.connection()) {
            return store.eblState(c, stateRef);
        }
    }

    /**
     * The timeline: every milestone so far, then each new one as it is recorded (server-sent events).
     * Live events are subscribed together with the recorded ones and numbered, so none is lost or repeated.
     */
    public Multi<JsonNode> timeline(View shipment) {
        List<JsonNode> recorded = new java.util.ArrayList<>();
        int index = 0;
        for (JsonNode m : shipment.state().path("milestones")) {
            recorded.add(((ObjectNode) m.deepCopy()).put("index", index++).put("shipment", shipment.id()));
        }
        Multi<JsonNode> live = milestones.filter(event -> event.path("shipment").asText().equals(shipment.id()));
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        return Multi.createBy().merging().streams(Multi.createFrom().iterable(recorded), live)
                .select().where(event -> next.compareAndSet(event.path("index").asInt(), event.path("index").asInt() + 1));
    }

    private void publish(JsonNode state) {
        ArrayNode all = (ArrayNode) state.path("milestones");
        ObjectNode event = ((ObjectNode) all.get(all.size() - 1).deepCopy()).put("index", all.size() - 1).put("shipment", state.path("id").asText());
        milestones.onNext(event);
        metrics.shipmentMilestone(event.path("milestone").asText());
    }

    private void notarise(WireTransaction tx, Instruction instruction) {
        OutcomeProblems.successOrThrow(notary.await(NotarisationRequest.of(tx, instruction.signer()), config.notaryTimeout()));
    }

}
