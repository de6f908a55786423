package io.tradenet.deploy.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradenet.contract.crypto.SigningKey;
import io.tradenet.contract.json.Json;
import io.tradenet.contract.party.DemoNetwork;
import io.tradenet.contract.party.NetworkGenerator;
import io.tradenet.contract.trade.Actions;
import io.tradenet.contract.trade.CreditTerms;
import io.tradenet.contract.trade.PresentedDocument;
import io.tradenet.contract.tx.Instruction;
import io.tradenet.contract.tx.SignedInstruction;
import io.tradenet.contract.tx.StateRef;
import io.tradenet.contract.tx.TimeWindow;
import io.tradenet.deploy.auth.DevTokens;
import io.tradenet.deploy.local.EventStream;
import io.tradenet.deploy.local.HttpJson;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The demo parties acting on the letter-of-credit service over REST, each signing its own instructions
 * with its key and calling with its own development token: what a bank's, an exporter's or a carrier's
 * system would do. Used by the demo trade and the letter-of-credit benchmark.
 */
public final class TradeClient {

    private final NetworkGenerator.Network network;
    private final String lc;
    private final String givenToken;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    public TradeClient(NetworkGenerator.Network network, String lcUrl) {
        this(network, lcUrl, null);
    }

    /** With {@code bearerToken} non-null every call uses it instead of a development token minted for the acting party. */
    public TradeClient(NetworkGenerator.Network network, String lcUrl, String bearerToken) {
        this.network = network;
        this.lc = lcUrl;
        this.givenToken = bearerToken;
    }

    public String token(String party) {
        return givenToken != null ? givenToken : tokens.computeIfAbsent(party, p -> DevTokens.mint(network, p, Duration.ofHours(12)));
    }

    /** The issuing bank issues the credit; the answer once notarised. */
    public HttpJson.Reply issue(CreditTerms terms) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.set("credit", Json.tree(terms));
        return issue(terms.issuingBank(), body);
    }

    /** {@code bank} signs an IssueCredit instruction with {@code body} ({@code {credit: CreditTerms}} or {@code {mt700: "<FIN>"}}) and posts it. */
    public HttpJson.Reply issue(String bank, ObjectNode body) {
        return HttpJson.post(lc + "/api/credits", signed(Actions.ISSUE_CREDIT, bank, List.of(), body), token(bank));
    }

    /** A credit as {@code party} may see it. */
    public HttpJson.Reply credit(String reference, String party) {
        return HttpJson.get(lc + "/api/credits/" + reference, token(party));
    }

    /** A credit as an MT700 (FIN text). */
    public HttpJson.Reply mt700(String reference, String party) {
        return HttpJson.get(lc + "/api/credits/" + reference + "/mt700", token(party));
    }

    /** A shipment as {@code party} may see it. */
    public HttpJson.Reply shipment(String id, String party) {
        return HttpJson.get(lc + "/api/shipments/" + id, token(party));
    }

    /** The shipment's milestones so far and then live, as server-sent events. */
    public EventStream timeline(String id, String party) {
        return EventStream.open(lc + "/api/shipments/" + id + "/timeline", token(party));
    }

    /** A step in a credit's life by {@code signer}, consuming the credit's current state (and {@code alsoConsumes}). */
    public HttpJson.Reply act(JsonNode credit, String action, String signer, ObjectNode body, StateRef... alsoConsumes) {
        String reference = credit.path("reference").asText();
        body.put("reference", reference);
        List<StateRef> inputs = new ArrayList<>(List.of(StateRef.parse(credit.path("stateRef").asText())));
        inputs.addAll(List.of(alsoConsumes));
        return HttpJson.post(lc + "/api/credits/" + reference + "/actions", signed(action, signer, inputs, body), token(signer));
    }

    /** The carrier books a shipment of the credit's goods for its beneficiary. */
    public HttpJson.Reply book(String shipmentId, CreditTerms terms, String vessel) {
        return book(DemoNetwork.CARRIER, new Booking(shipmentId, terms.beneficiary(), firstLine(terms.goods()), terms.portOfLoading(),
                terms.portOfDischarge(), vessel));
    }

    /** What a carrier books: the shipment id, the shipper (a registered exporter), goods, ports and vessel. */
    public record Booking(String id, String shipper, String goods, String portOfLoading, String portOfDischarge, String vessel) {
    }

    /** {@code carrier} books a shipment. */
    public HttpJson.Reply book(String carrier, Booking booking) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.set("shipment", Json.tree(booking));
        return HttpJson.post(lc + "/api/shipments", signed(Actions.BOOK_SHIPMENT, carrier, List.of(), body), token(carrier));
    }

    /** The carrier records the shipment's next milestone. */
    public HttpJson.Reply milestone(JsonNode shipment, String milestone, String place) {
        return milestone(shipment.path("carrier").asText(DemoNetwork.CARRIER), shipment, milestone, place);
    }

    /** {@code carrier} records the shipment's next milestone, consuming its current state. */
    public HttpJson.Reply milestone(String carrier, JsonNode shipment, String milestone, String place) {
        String id = shipment.path("id").asText();
        ObjectNode body = Json.mapper().createObjectNode().put("shipment", id).put("milestone", milestone).put("place", place);
        return HttpJson.post(lc + "/api/shipments/" + id + "/milestones",
                signed(Actions.RECORD_MILESTONE, carrier, List.of(StateRef.parse(shipment.path("stateRef").asText())), body),
                token(carrier));
    }

    /**
     * A complying presentation for the credit: invoice, insurance for 110%, packing list, certificate of
     * origin, and either a paper bill of lading shipped yesterday or, with {@code ebl}, the eBL state.
     */
    public static ObjectNode presentation(CreditTerms t, String id, String amount, StateRef ebl) {
        LocalDate shipped = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        String insured = new BigDecimal(amount).multiply(new BigDecimal("1.10")).setScale(2, RoundingMode.HALF_UP).toPlainString();
        List<PresentedDocument> docs = new ArrayList<>();
        docs.add(new PresentedDocument(PresentedDocument.COMMERCIAL_INVOICE, "INV-" + id, t.reference(), "NORDSEE MASCHINENBAU GMBH", t.currency(),
                amount, t.goods(), shipped, null, null, null, null, null, null, null, null, null));
        if (ebl == null) {
            docs.add(new PresentedDocument(PresentedDocument.BILL_OF_LADING, "BL-" + id, t.reference(), "OCEANIC LINES SHIPPING CO", null, null,
                    firstLine(t.goods()), shipped, true, true, true, t.portOfLoading(), t.portOfDischarge(), "OCEANIC LINES SHIPPING CO",
                    "MV NORDIC STAR", false, null));
        }
        docs.add(new PresentedDocument(PresentedDocument.INSURANCE, "INS-" + id, t.reference(), "HANSA MARINE", t.currency(), insured, null, shipped,
                null, null, null, null, null, null, null, null, "INSTITUTE CARGO CLAUSES (A)"));
        docs.add(new PresentedDocument(PresentedDocument.PACKING_LIST, "PL-" + id, t.reference(), null, null, null, null, shipped, null, null, null,
                null, null, null, null, null, null));
        docs.add(new PresentedDocument(PresentedDocument.CERTIFICATE_OF_ORIGIN, "CO-" + id, t.reference(), "HAMBURG CHAMBER OF COMMERCE", null, null,
                null, shipped, null, null, null, null, null, null, null, null, null));
        ObjectNode body = Json.mapper().createObjectNode();
        ObjectNode p = body.putObject("presentation");
        p.put("id", id);
        p.put("amount", amount);
        if (ebl != null) {
            p.put("ebl", ebl.toString());
        }
        p.set("documents", Json.tree(docs));
        return body;
    }

    private String signed(String action, String signer, List<StateRef> inputs, ObjectNode body) {
        return Json.write(sign(action, network.key(signer), inputs, body));
    }

    /** An instruction signed by {@code key}'s party, naming the network's notary, valid for ten minutes from now. */
    public static SignedInstruction sign(String action, SigningKey key, List<StateRef> inputs, JsonNode body) {
        Instruction instruction = new Instruction(UUID.randomUUID().toString(), action, key.partyName(), DemoNetwork.NOTARY, inputs, List.of(),
                TimeWindow.around(Instant.now(), Duration.ofMinutes(10)), body);
        return SignedInstruction.sign(instruction, key);
    }

    private static String firstLine(String text) {
        return text == null ? "" : text.lines().findFirst().orElse("");
    }
}
