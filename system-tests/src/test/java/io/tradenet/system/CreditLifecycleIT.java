package io.tradenet.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradenet.contract.json.Json;
import io.tradenet.contract.party.DemoNetwork;
import io.tradenet.contract.trade.Actions;
import io.tradenet.contract.trade.CreditTerms;
import io.tradenet.contract.trade.PresentedDocument;
import io.tradenet.contract.tx.Instruction;
import io.tradenet.contract.tx.SignedInstruction;
import io.tradenet.contract.tx.StateRef;
import io.tradenet.contract.tx.TimeWindow;
import io.tradenet.deploy.demo.DemoCredits;
import io.tradenet.deploy.local.HttpJson;
import io.tradenet.deploy.local.LocalNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Documentary credits through their life with real Kafka, notary and ledger processes: issue, advise
 * and confirm, amend by MT707, advise it with the confirmation extended (art. 10(b)) and accept, present, examine (complying), honour; a second trade with a
 * discrepant presentation refused (MT734), waived by the applicant and honoured; two competing
 * amendments of one version, of which exactly one wins. Every step is a notarised transaction on the ledger.
 */
@ExtendWith(SharedNetwork.class)
class CreditLifecycleIT {

    private static LocalNetwork network;
    private static final String BANK = DemoNetwork.ISSUING_BANK;
    private static final String ADVISING = DemoNetwork.ADVISING_BANK;
    private static final String BENEFICIARY = DemoNetwork.BENEFICIARY;
    private static final String APPLICANT = DemoNetwork.APPLICANT;
    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("uuMMdd");

    @BeforeAll
    static void start(LocalNetwork shared) {
        network = shared;
    }

    private static JsonNode issue(String reference) {
        SignedInstruction issuance = DemoCredits.issuance(DemoCredits.machinery(reference), network.network().key(BANK));
        HttpJson.Reply reply = HttpJson.post(network.lc().baseUrl() + "/api/credits", Json.write(issuance), network.token(BANK));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return Json.parse(reply.body());
    }

    private static HttpJson.Reply act(JsonNode credit, String action, String signer, ObjectNode body) {
        String reference = credit.path("reference").asText();
        body.put("reference", reference);
        Instruction instruction = new Instruction(UUID.randomUUID().toString(), action, signer, DemoNetwork.NOTARY,
                List.of(StateRef.parse(credit.path("stateRef").asText())), List.of(), TimeWindow.around(Instant.now(), Duration.ofMinutes(10)), body);
        SignedInstruction signed = SignedInstruction.sign(instruction, network.network().key(signer));
        return HttpJson.post(network.lc().baseUrl() + "/api/credits/" + reference + "/actions", Json.write(signed), network.token(signer));
    }

    private static JsonNode step(JsonNode credit, String action, String signer, ObjectNode body) {
        HttpJson.Reply reply = act(credit, action, signer, body);
        assertThat(reply.status()).as(action + " -> " + reply.body()).isEqualTo(200);
        JsonNode next = Json.parse(reply.body());
        assertThat(next.path("version").asInt()).isEqualTo(credit.path("version").asInt() + 1);
        return next;
    }

    private static ObjectNode body() {
        return Json.mapper().createObjectNode();
    }

    private static ObjectNode presentation(CreditTerms t, String id, String amount, String insured) {
        LocalDate shipped = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        List<PresentedDocument> docs = new ArrayList<>();
        docs.add(new PresentedDocument(PresentedDocument.COMMERCIAL_INVOICE, "INV-" + id, t.reference(), "NORDSEE MASCHINENBAU GMBH", t.currency(),
                amount, t.goods(), shipped, null, null, null, null, null, null, null, null, null));
        docs.add(new PresentedDocument(PresentedDocument.BILL_OF_LADING, "BL-" + id, t.reference(), "OCEANIC LINES SHIPPING CO", null, null,
                "2 UNITS CNC MILLING CENTRE", shipped, true, true, true, t.portOfLoading(), t.portOfDischarge(), "OCEANIC LINES SHIPPING CO",
                "MV NORDIC STAR", false, null));
        docs.add(new PresentedDocument(PresentedDocument.INSURANCE, "INS-" + id, t.reference(), "HANSA MARINE", t.currency(), insured, null, shipped,
                null, null, null, null, null, null, null, null, "INSTITUTE CARGO CLAUSES (A)"));
        docs.add(new PresentedDocument(PresentedDocument.PACKING_LIST, "PL-" + id, t.reference(), null, null, null, null, shipped, null, null, null,
                null, null, null, null, null, null));
        docs.add(new PresentedDocument(PresentedDocument.CERTIFICATE_OF_ORIGIN, "CO-" + id, t.reference(), "HAMBURG CHAMBER OF COMMERCE", null,
                null, null, shipped, null, null, null, null, null, null, null, null, null));
        ObjectNode b = body();
        ObjectNode p = b.putObject("presentation");
        p.put("id", id);
        p.put("amount", amount);
        p.set("documents", Json.tree(docs));
        return b;
    }

    private static String mt707(CreditTerms t, int number) {
        return String.join("\n", "{1:F01TFBKCNSHAXXX0000000000}{2:I707TFBKDEHHXXXXN}{4:", ":27:1/1", ":20:" + t.reference(), ":21:NONREF",
                ":23:" + t.reference(), ":52A:TFBKCNSHXXX", ":31C:" + t.issueDate().format(YYMMDD), ":26E:" + String.format("%02d", number),
                ":30:" + LocalDate.now(ZoneOffset.UTC).format(YYMMDD), ":22A:ISSU", ":31D:" + t.expiryDate().plusDays(30).format(YYMMDD) + "HAMBURG",
                ":32B:EUR125000,00", ":44C:" + t.latestShipmentDate().plusDays(15).format(YYMMDD),
                ":45B:/ADD/+1 SET SPARE PARTS KIT FOR MODEL NM-5X EUR 125000", "-}");
    }

    private static CreditTerms terms(JsonNode credit) {
        return Json.bind(credit.path("state").path("terms"), CreditTerms.class);
    }

    private static void onTheLedger(String txId) {
        await().atMost(Duration.ofSeconds(60)).until(() -> LedgerEntries.indexOf(network, txId) >= 0);
    }

    @Test
    void issueAdviseAndConfirmAmendByMt707AndAcceptPresentComplyingDocumentsAndHonour() {
        JsonNode credit = issue(DemoCredits.newReference());
        credit = step(credit, Actions.ADVISE_CREDIT, ADVISING, body().put("confirm", true));
        assertThat(credit.path("status").asText()).isEqualTo("CONFIRMED");

        CreditTerms before = terms(credit);
        credit = step(credit, Actions.AMEND_CREDIT, BANK, body().put("mt707", mt707(before, 1)));
        assertThat(terms(credit)).as("UCP 600 art. 10: the old terms stand until accepted").isEqualTo(before);
        // art. 10(b): the confirming bank advises the amendment and extends its confirmation to it
        credit = step(credit, Actions.ADVISE_AMENDMENT, ADVISING, body().put("amendment", 1).put("extendConfirmation", true));
        credit = step(credit, Actions.ACCEPT_AMENDMENT, BENEFICIARY, body().put("amendment", 1));
        assertThat(credit.path("state").has("confirmedTerms")).as("the confirmation follows the amendment").isFalse();
        CreditTerms amended = terms(credit);
        assertThat(amended.amount()).isEqualTo("1375000.00");
        assertThat(amended.expiryDate()).isEqualTo(before.expiryDate().plusDays(30));

        String amount = "1375000.00";
        credit = step(credit, Actions.PRESENT_DOCUMENTS, BENEFICIARY, presentation(amended, "P1", amount,
                new BigDecimal(amount).multiply(new BigDecimal("1.1")).setScale(2, RoundingMode.HALF_UP).toPlainString()));
        JsonNode presented = credit.path("state").path("presentations").get(0);
        assertThat(presented.path("status").asText()).as(presented.toString()).isEqualTo("COMPLYING");
        assertThat(presented.path("discrepancies")).isEmpty();

        credit = step(credit, Actions.HONOUR, ADVISING, body().put("presentation", "P1"));   // the confirming bank honours
        assertThat(credit.path("status").asText()).isEqualTo("FULLY_DRAWN");
        assertThat(credit.path("state").path("drawn").asText()).isEqualTo(amount);
        onTheLedger(credit.path("txId").asText());

        // a regulator reads it; a bank outside the credit does not
        assertThat(HttpJson.get(network.lc().baseUrl() + "/api/credits/" + credit.path("reference").asText(), network.token("tfbk-beijing")).status())
                .isEqualTo(404);
        assertThat(HttpJson.get(network.lc().baseUrl() + "/api/credits/" + credit.path("reference").asText(), network.token(DemoNetwork.REGULATOR))
                .status()).isEqualTo(200);
    }

    @Test
    void aDiscrepantPresentationIsRefusedWithAnMt734WaivedByTheApplicantAndHonoured() {
        JsonNode credit = issue(DemoCredits.newReference());
        credit = step(credit, Actions.ADVISE_CREDIT, ADVISING, body());
        CreditTerms t = terms(credit);
        credit = step(credit, Actions.PRESENT_DOCUMENTS, BENEFICIARY, presentation(t, "P1", "1250000.00", "1250000.00")); // under-insured
        JsonNode presented = credit.path("state").path("presentations").get(0);
        assertThat(presented.path("status").asText()).isEqualTo("DISCREPANT");
        assertThat(presented.path("discrepancies").get(0).path("article").asText()).isEqualTo("28(f)(ii)");

        // out of order: the bank cannot honour a discrepant presentation before the applicant waives
        assertThat(act(credit, Actions.HONOUR, BANK, body().put("presentation", "P1")).status()).isEqualTo(409);
        credit = step(credit, Actions.REFUSE, BANK, body().put("presentation", "P1").put("disposal", "HOLDING DOCUMENTS UNTIL WAIVER"));
        HttpJson.Reply mt734 = HttpJson.get(network.lc().baseUrl() + "/api/credits/" + t.reference() + "/presentations/P1/mt734",
                network.token(BENEFICIARY));
        assertThat(mt734.status()).isEqualTo(200);
        assertThat(mt734.body()).contains("{2:I734").contains(":20:" + t.reference()).contains("UCP 600 ART. 28(F)(II)").contains(":77B:/NOTIFY/");

        credit = step(credit, Actions.WAIVE_DISCREPANCIES, APPLICANT, body().put("presentation", "P1"));
        credit = step(credit, Actions.HONOUR, BANK, body().put("presentation", "P1"));
        assertThat(credit.path("state").path("presentations").get(0).path("status").asText()).isEqualTo("HONOURED");
        onTheLedger(credit.path("txId").asText());
    }

    @Test
    void twoCompetingAmendmentsOfTheSameVersionExactlyOneWins() throws Exception {
        JsonNode credit = issue(DemoCredits.newReference());
        JsonNode issued = credit;
        CreditTerms t = terms(credit);
        CompletableFuture<HttpJson.Reply> a = CompletableFuture.supplyAsync(() -> act(issued, Actions.AMEND_CREDIT, BANK, body().put("mt707", mt707(t, 1))));
        CompletableFuture<HttpJson.Reply> b = CompletableFuture.supplyAsync(() -> act(issued, Actions.AMEND_CREDIT, BANK,
                body().set("amendment", Json.mapper().createObjectNode().put("number", 1).put("decrease", "250000.00"))));
        List<Integer> statuses = List.of(a.get().status(), b.get().status());
        assertThat(statuses).as(a.get().body() + " / " + b.get().body()).containsExactlyInAnyOrder(200, 409);
        HttpJson.Reply loser = a.get().status() == 409 ? a.get() : b.get();
        assertThat(Json.parse(loser.body()).path("type").asText()).isIn("urn:tradenet:problem:notary-conflict", "urn:tradenet:problem:stale-state");
        JsonNode now = Json.parse(HttpJson.get(network.lc().baseUrl() + "/api/credits/" + t.reference(), network.token(BANK)).body());
        assertThat(now.path("version").asInt()).isEqualTo(2);
        // a late step built on the old version is refused as stale
        assertThat(act(issued, Actions.ADVISE_CREDIT, ADVISING, body()).status()).isEqualTo(409);
    }

    private static HttpJson.Reply carrier(String path, String action, StateRef consumes, ObjectNode body) {
        Instruction instruction = new Instruction(UUID.randomUUID().toString(), action, DemoNetwork.CARRIER, DemoNetwork.NOTARY,
                consumes == null ? List.of() : List.of(consumes), List.of(), TimeWindow.around(Instant.now(), Duration.ofMinutes(10)), body);
        return HttpJson.post(network.lc().baseUrl() + path, Json.write(SignedInstruction.sign(instruction, network.network().key(DemoNetwork.CARRIER))),
                network.token(DemoNetwork.CARRIER));
    }

    private static JsonNode milestone(JsonNode shipment, String milestone, String place) {
        String id = shipment.path("id").asText();
        HttpJson.Reply reply = carrier("/api/shipments/" + id + "/milestones", Actions.RECORD_MILESTONE, StateRef.parse(shipment.path("stateRef").asText()),
                body().put("shipment", id).put("milestone", milestone).put("place", place));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return Json.parse(reply.body());
    }

    @Test
    void theCarrierIssuesAnEblOnLoadingTheExporterSeesItLiveAndTheSameEblPresentedUnderASecondCreditIsANotaryConflict() throws Exception {
        JsonNode first = step(issue(DemoCredits.newReference()), Actions.ADVISE_CREDIT, ADVISING, body());
        JsonNode second = issue(DemoCredits.newReference());
        CreditTerms t = terms(first);

        String id = "SHP-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        ObjectNode booking = body();
        booking.putObject("shipment").put("id", id).put("shipper", BENEFICIARY).put("goods", "2 UNITS CNC MILLING CENTRE MODEL NM-5X")
                .put("portOfLoading", t.portOfLoading()).put("portOfDischarge", t.portOfDischarge()).put("vessel", "MV NORDIC STAR");
        HttpJson.Reply booked = carrier("/api/shipments", Actions.BOOK_SHIPMENT, null, booking);
        assertThat(booked.status()).as(booked.body()).isEqualTo(201);
        JsonNode shipment = milestone(Json.parse(booked.body()), "GATED_IN", "HAMBURG CONTAINER TERMINAL");

        JsonNode loaded;
        try (io.tradenet.testkit.SseClient timeline = new io.tradenet.testkit.SseClient(network.lc().baseUrl() + "/api/shipments/" + id + "/timeline",
                java.util.Map.of("Authorization", "Bearer " + network.token(BENEFICIARY)))) {
            assertThat(timeline.take(2, Duration.ofSeconds(20))).extracting(io.tradenet.testkit.SseClient.Event::id).containsExactly("0", "1");
            loaded = milestone(shipment, "LOADED_ON_BOARD", "HAMBURG, GERMANY");
            List<io.tradenet.testkit.SseClient.Event> live = timeline.take(1, Duration.ofSeconds(20));
            assertThat(live).hasSize(1);
            assertThat(Json.parse(live.get(0).data()).path("milestone").asText()).isEqualTo("LOADED_ON_BOARD");
        }
        assertThat(HttpJson.get(network.lc().baseUrl() + "/api/shipments/" + id, network.token(APPLICANT)).status()).isEqualTo(404);
        String ebl = new StateRef(StateRef.parse(loaded.path("stateRef").asText()).txId(), 1).toString();

        // present the eBL with the other documents under the first credit: complying, honoured
        ObjectNode presentation = presentation(t, "P1", "1250000.00", "1375000.00");
        ((ObjectNode) presentation.get("presentation")).put("ebl", ebl);
        ((com.fasterxml.jackson.databind.node.ArrayNode) presentation.get("presentation").get("documents"))
                .remove(1); // the paper bill of lading: the eBL stands for it
        HttpJson.Reply presented = actConsuming(first, List.of(StateRef.parse(first.path("stateRef").asText()), StateRef.parse(ebl)),
                Actions.PRESENT_DOCUMENTS, BENEFICIARY, presentation);
        assertThat(presented.status()).as(presented.body()).isEqualTo(200);
        JsonNode afterPresentation = Json.parse(presented.body());
        assertThat(afterPresentation.path("state").path("presentations").get(0).path("status").asText()).isEqualTo("COMPLYING");
        step(afterPresentation, Actions.HONOUR, BANK, body().put("presentation", "P1"));

        // the same eBL again, under the second credit: the notary refuses, naming the eBL's state
        ObjectNode again = presentation(terms(second), "P1", "1250000.00", "1375000.00");
        ((ObjectNode) again.get("presentation")).put("ebl", ebl);
        HttpJson.Reply doubleFinancing = actConsuming(second, List.of(StateRef.parse(second.path("stateRef").asText()), StateRef.parse(ebl)),
                Actions.PRESENT_DOCUMENTS, BENEFICIARY, again);
        assertThat(doubleFinancing.status()).as(doubleFinancing.body()).isEqualTo(409);
        assertThat(Json.parse(doubleFinancing.body()).path("type").asText()).isEqualTo("urn:tradenet:problem:notary-conflict");
        assertThat(doubleFinancing.body()).contains(ebl);
        JsonNode unchanged = Json.parse(HttpJson.get(network.lc().baseUrl() + "/api/credits/" + second.path("reference").asText(), network.token(BANK)).body());
        assertThat(unchanged.path("version").asInt()).isEqualTo(second.path("version").asInt());
    }

    private static HttpJson.Reply actConsuming(JsonNode credit, List<StateRef> inputs, String action, String signer, ObjectNode body) {
        String reference = credit.path("reference").asText();
        body.put("reference", reference);
        Instruction instruction = new Instruction(UUID.randomUUID().toString(), action, signer, DemoNetwork.NOTARY, inputs, List.of(),
                TimeWindow.around(Instant.now(), Duration.ofMinutes(10)), body);
        return HttpJson.post(network.lc().baseUrl() + "/api/credits/" + reference + "/actions",
                Json.write(SignedInstruction.sign(instruction, network.network().key(signer))), network.token(signer));
    }

    @Test
    void aCreditPastItsExpiryDateIsExpiredByTheServiceAndACancellationNeedsTheBeneficiarysAgreement() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        CreditTerms d = DemoCredits.machinery(DemoCredits.newReference());
        CreditTerms lapsed = new CreditTerms(d.reference(), d.formOfCredit(), today.minusDays(30), d.applicableRules(), today.minusDays(1),
                d.expiryPlace(), d.applicant(), d.beneficiary(), d.issuingBank(), d.advisingBank(), d.currency(), d.amount(), d.tolerancePlus(),
                d.toleranceMinus(), d.availableWith(), d.availableBy(), d.draftsAt(), d.drawee(), null, d.partialShipments(), d.transhipment(),
                null, d.portOfLoading(), d.portOfDischarge(), null, today.minusDays(2), d.goods(), d.documentsRequired(), d.additionalConditions(),
                d.charges(), d.presentationPeriodDays(), d.confirmationInstructions(), d.requestedConfirmationParty(), d.instructionsToBank());
        HttpJson.Reply issued = HttpJson.post(network.lc().baseUrl() + "/api/credits",
                Json.write(DemoCredits.issuance(lapsed, network.network().key(BANK))), network.token(BANK));
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);

        JsonNode credit = step(issue(DemoCredits.newReference()), Actions.ADVISE_CREDIT, ADVISING, body());
        credit = step(credit, Actions.CANCEL_CREDIT, BANK, body());
        assertThat(credit.path("status").asText()).isEqualTo("ADVISED");
        credit = step(credit, Actions.AGREE_CANCELLATION, BENEFICIARY, body());
        assertThat(credit.path("status").asText()).isEqualTo("CANCELLED");

        await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(2)).until(() -> "EXPIRED".equals(Json.parse(
                HttpJson.get(network.lc().baseUrl() + "/api/credits/" + lapsed.reference(), network.token(BANK)).body()).path("status").asText()));
        JsonNode expired = Json.parse(HttpJson.get(network.lc().baseUrl() + "/api/credits/" + lapsed.reference(), network.token(BANK)).body());
        onTheLedger(expired.path("txId").asText());
    }
}
