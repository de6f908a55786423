package io.tradenet.deploy.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradenet.contract.crypto.Hashing;
import io.tradenet.contract.http.OpenApiExampleFiles;
import io.tradenet.contract.json.Json;
import io.tradenet.contract.notary.NotarisationRequest;
import io.tradenet.contract.party.DemoNetwork;
import io.tradenet.contract.party.NetworkGenerator;
import io.tradenet.contract.trade.Actions;
import io.tradenet.contract.trade.CreditTerms;
import io.tradenet.contract.tx.SignedInstruction;
import io.tradenet.contract.tx.StateRef;
import io.tradenet.contract.tx.TimeWindow;
import io.tradenet.contract.tx.TransactionBuilder;
import io.tradenet.contract.tx.WireTransaction;
import io.tradenet.deploy.auth.DevTokens;
import io.tradenet.deploy.local.HttpJson;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Records the OpenAPI examples of the three services from a real trade on a running network: every
 * request it sends and every answer it gets becomes an example file under each service's
 * {@code src/main/resources/openapi-examples} (read by the services' OpenApiExamples filter). Run against the local
 * network: {@code java -cp 'deploy/target/tradenet.jar:deploy/target/lib/*' io.tradenet.deploy.demo.OpenApiExampleRecorder
 * local-network/network http://127.0.0.1:8081 http://127.0.0.1:8082 http://127.0.0.1:8083 .}
 */
public final class OpenApiExampleRecorder {

    private final NetworkGenerator.Network network;
    private final Map<String, ObjectNode> files = new TreeMap<>();

    private OpenApiExampleRecorder(NetworkGenerator.Network network) {
        this.network = network;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 5) {
            System.err.println("usage: OpenApiExampleRecorder <network dir> <lc url> <notary url> <ledger url> <repository root>");
            System.exit(2);
        }
        OpenApiExampleRecorder r = new OpenApiExampleRecorder(NetworkGenerator.load(Path.of(args[0])));
        Path repo = Path.of(args[4]);
        r.letterOfCredit(args[1], repo.resolve("letter-of-credit-service"));
        r.notary(args[2], repo.resolve("notary-service"));
        r.ledger(args[3], repo.resolve("ledger-service"));
        for (Map.Entry<String, ObjectNode> f : r.files.entrySet()) {
            Path file = Path.of(f.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(f.getValue()) + "\n");
            System.out.println("wrote " + file);
        }
    }

    private String token(String party) {
        return DevTokens.mint(network, party, Duration.ofMinutes(30));
    }

    private ObjectNode file(Path service, String method, String path) {
        return files.computeIfAbsent(service.resolve("src/main/resources").resolve(OpenApiExampleFiles.resource(method, path)).toString(),
                f -> Json.mapper().createObjectNode());
    }

    private void request(Path service, String method, String path, String name, String summary, String body) {
        file(service, method, path).with("request").putObject(name).put("summary", summary).set("value", value(body));
    }

    private JsonNode answer(Path service, String method, String path, String name, String summary, HttpJson.Reply reply) {
        if (reply.status() >= 300) {
            throw new IllegalStateException(method + " " + path + " answered " + reply.status() + ": " + reply.body());
        }
        JsonNode value = value(reply.body());
        file(service, method, path).with("responses").with(Integer.toString(reply.status())).putObject(name).put("summary", summary).set("value", value);
        return value;
    }

    private static JsonNode value(String body) {
        try {
            return Json.parse(body);
        } catch (io.tradenet.contract.json.MalformedDocumentException notJson) {
            // text/plain answers: SWIFT FIN messages ({1:...}{2:...}), signed notes, keys
            return JsonNodeFactory.instance.textNode(body);
        }
    }

    private String signed(String action, String party, List<StateRef> inputs, ObjectNode body) {
        return Json.write(TradeClient.sign(action, network.key(party), inputs, body));
    }

    private void letterOfCredit(String lc, Path svc) {
        String bank = DemoNetwork.ISSUING_BANK;
        CreditTerms terms = DemoCredits.machinery(DemoCredits.newReference());
        String issuance = Json.write(DemoCredits.issuance(terms, network.key(bank)));
        request(svc, "POST", "/api/credits", "json", "IssueCredit with the terms as JSON, signed by the issuing bank", issuance);
        JsonNode credit = answer(svc, "POST", "/api/credits", "issued", "Issued and notarised", HttpJson.post(lc + "/api/credits", issuance, token(bank)));
        String reference = terms.reference();

        String mt700 = HttpJson.get(lc + "/api/credits/" + reference + "/mt700", token(bank)).body();
        answer(svc, "GET", "/api/credits/{reference}/mt700", "mt700", "The credit as an MT700", new HttpJson.Reply(200, mt700));
        String other = DemoCredits.newReference();
        ObjectNode fromMt700 = Json.mapper().createObjectNode().put("mt700", mt700.replace(":20:" + reference, ":20:" + other));
        String mt700Issuance = Json.write(TradeClient.sign(Actions.ISSUE_CREDIT, network.key(bank), List.of(), fromMt700));
        request(svc, "POST", "/api/credits", "mt700", "IssueCredit from an MT700, signed by the issuing bank", mt700Issuance);
        HttpJson.post(lc + "/api/credits", mt700Issuance, token(bank));

        ObjectNode advise = Json.mapper().createObjectNode().put("reference", reference).put("confirm", true);
        String adviseBody = signed(Actions.ADVISE_CREDIT, terms.advisingBank(), List.of(StateRef.parse(credit.path("stateRef").asText())), advise);
        request(svc, "POST", "/api/credits/{reference}/actions", "advise", "AdviseCredit with confirmation, by the advising bank", adviseBody);
        credit = answer(svc, "POST", "/api/credits/{reference}/actions", "confirmed", "Advised and confirmed",
                HttpJson.post(lc + "/api/credits/" + reference + "/actions", adviseBody, token(terms.advisingBank())));

        String shipmentId = "SHP-" + reference.substring(2, 10);
        ObjectNode booking = Json.mapper().createObjectNode();
        booking.set("shipment", Json.tree(new TradeClient.Booking(shipmentId, terms.beneficiary(), terms.goods().lines().findFirst().orElse(""),
                terms.portOfLoading(), terms.portOfDischarge(), "MV NORDIC STAR")));
        String bookBody = signed(Actions.BOOK_SHIPMENT, DemoNetwork.CARRIER, List.of(), booking);
        request(svc, "POST", "/api/shipments", "book", "BookShipment by the carrier", bookBody);
        JsonNode shipment = answer(svc, "POST", "/api/shipments", "booked", "Booked and notarised",
                HttpJson.post(lc + "/api/shipments", bookBody, token(DemoNetwork.CARRIER)));
        for (String[] m : new String[][]{{"GATED_IN", "HAMBURG CONTAINER TERMINAL"}, {"LOADED_ON_BOARD", terms.portOfLoading()}}) {
            ObjectNode body = Json.mapper().createObjectNode().put("shipment", shipmentId).put("milestone", m[0]).put("place", m[1]);
            String signedBody = signed(Actions.RECORD_MILESTONE, DemoNetwork.CARRIER, List.of(StateRef.parse(shipment.path("stateRef").asText())), body);
            request(svc, "POST", "/api/shipments/{id}/milestones", m[0].toLowerCase(), "RecordMilestone " + m[0] + " by the carrier", signedBody);
            shipment = answer(svc, "POST", "/api/shipments/{id}/milestones", m[0].toLowerCase(), "Recorded" + ("LOADED_ON_BOARD".equals(m[0])
                    ? "; the eBL is issued to the shipper" : ""), HttpJson.post(lc + "/api/shipments/" + shipmentId + "/milestones", signedBody,
                    token(DemoNetwork.CARRIER)));
        }
        answer(svc, "GET", "/api/shipments/{id}", "shipment", "A shipment with its milestones and eBL",
                HttpJson.get(lc + "/api/shipments/" + shipmentId, token(terms.beneficiary())));
        answer(svc, "GET", "/api/shipments", "shipments", "The shipper's shipments", HttpJson.get(lc + "/api/shipments?limit=1", token(terms.beneficiary())));

        StateRef ebl = new StateRef(StateRef.parse(shipment.path("stateRef").asText()).txId(), 1);
        ObjectNode present = TradeClient.presentation(terms, "P1", terms.amount(), ebl).put("reference", reference);
        String presentBody = signed(Actions.PRESENT_DOCUMENTS, terms.beneficiary(), List.of(StateRef.parse(credit.path("stateRef").asText()), ebl), present);
        request(svc, "POST", "/api/credits/{reference}/actions", "present", "PresentDocuments with the eBL, by the beneficiary", presentBody);
        credit = Json.parse(ok(HttpJson.post(lc + "/api/credits/" + reference + "/actions", presentBody, token(terms.beneficiary()))).body());
        ObjectNode honour = Json.mapper().createObjectNode().put("reference", reference).put("presentation", "P1");
        String honourBody = signed(Actions.HONOUR, terms.advisingBank(), List.of(StateRef.parse(credit.path("stateRef").asText())), honour);
        request(svc, "POST", "/api/credits/{reference}/actions", "honour", "Honour by the confirming bank", honourBody);
        answer(svc, "POST", "/api/credits/{reference}/actions", "honoured", "Honoured: drawn in full",
                HttpJson.post(lc + "/api/credits/" + reference + "/actions", honourBody, token(terms.advisingBank())));
        answer(svc, "GET", "/api/credits/{reference}", "credit", "A credit as its parties read it", HttpJson.get(lc + "/api/credits/" + reference, token(bank)));
        answer(svc, "GET", "/api/credits", "credits", "The issuing bank's most recent credit", HttpJson.get(lc + "/api/credits?limit=1", token(bank)));

        // a discrepant presentation refused: the MT734
        CreditTerms second = DemoCredits.machinery(DemoCredits.newReference());
        JsonNode refused = Json.parse(ok(HttpJson.post(lc + "/api/credits", Json.write(DemoCredits.issuance(second, network.key(bank))), token(bank))).body());
        String tooMuch = new BigDecimal(second.amount()).multiply(BigDecimal.valueOf(2)).toPlainString();
        ObjectNode discrepant = TradeClient.presentation(second, "P1", tooMuch, null).put("reference", second.reference());
        refused = Json.parse(ok(HttpJson.post(lc + "/api/credits/" + second.reference() + "/actions", signed(Actions.PRESENT_DOCUMENTS,
                second.beneficiary(), List.of(StateRef.parse(refused.path("stateRef").asText())), discrepant), token(second.beneficiary()))).body());
        ObjectNode refuse = Json.mapper().createObjectNode().put("reference", second.reference()).put("presentation", "P1")
                .put("disposal", "HOLDING DOCUMENTS PENDING FURTHER INSTRUCTIONS");
        String refuseBody = signed(Actions.REFUSE, bank, List.of(StateRef.parse(refused.path("stateRef").asText())), refuse);
        request(svc, "POST", "/api/credits/{reference}/actions", "refuse", "Refuse a discrepant presentation (art. 16), by the issuing bank", refuseBody);
        ok(HttpJson.post(lc + "/api/credits/" + second.reference() + "/actions", refuseBody, token(bank)));
        answer(svc, "GET", "/api/credits/{reference}/presentations/{presentation}/mt734", "mt734", "The refusal notice as an MT734",
                HttpJson.get(lc + "/api/credits/" + second.reference() + "/presentations/P1/mt734", token(bank)));
    }

    private void notary(String notary, Path svc) {
        String bank = DemoNetwork.ISSUING_BANK;
        byte[] id = new byte[32];
        new SecureRandom().nextBytes(id);
        StateRef input = new StateRef(Hashing.hex(id), 0);
        WireTransaction tx = TransactionBuilder.forNotary(DemoNetwork.NOTARY).consume(List.of(input))
                .timeWindow(TimeWindow.between(Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofMinutes(30))))
                .output("Token", List.of(bank), JsonNodeFactory.instance.objectNode().put("amount", 100))
                .signedBy(network.key(bank), "Move", null);
        String body = Json.write(NotarisationRequest.of(tx, bank));
        request(svc, "POST", "/api/notarisations", "request", "A transaction consuming one state, requested by a bank", body);
        answer(svc, "POST", "/api/notarisations", "success", "Committed: the notary's batch signature with the inclusion proof",
                HttpJson.post(notary + "/api/notarisations", body, token(bank)));
        answer(svc, "GET", "/api/notarisations/{txId}", "outcome", "The recorded outcome", HttpJson.get(notary + "/api/notarisations/" + tx.id(), token(bank)));
        answer(svc, "GET", "/api/spent-states/{stateRef}", "spent", "Which transaction consumed the state, who asked and when",
                HttpJson.get(notary + "/api/spent-states/" + input, token(bank)));
    }

    private void ledger(String ledger, Path svc) {
        String regulator = token(DemoNetwork.REGULATOR);
        String checkpoint = ok(HttpJson.get(ledger + "/api/ledger/checkpoint", null)).body();
        long size = Long.parseLong(checkpoint.split("\n")[1]);
        answer(svc, "GET", "/api/ledger/checkpoint", "checkpoint", "A C2SP signed note", new HttpJson.Reply(200, checkpoint));
        answer(svc, "GET", "/api/ledger/checkpoints/{size}", "checkpoint", "The checkpoint signed at that size",
                HttpJson.get(ledger + "/api/ledger/checkpoints/" + size, null));
        answer(svc, "GET", "/api/ledger/verifier-key", "vkey", "The checkpoint key", HttpJson.get(ledger + "/api/ledger/verifier-key", null));
        answer(svc, "GET", "/api/ledger/leaves", "leaves", "Three leaf hashes", HttpJson.get(ledger + "/api/ledger/leaves?from=0&limit=3", null));
        answer(svc, "GET", "/api/ledger/entries", "entries", "One entry", HttpJson.get(ledger + "/api/ledger/entries?from=0&limit=1", regulator));
        answer(svc, "GET", "/api/ledger/entries/{index}", "entry", "Entry 0", HttpJson.get(ledger + "/api/ledger/entries/0", regulator));
        answer(svc, "GET", "/api/ledger/proofs/inclusion", "proof", "Entry 0 in the latest tree",
                HttpJson.get(ledger + "/api/ledger/proofs/inclusion?index=0&treeSize=" + size, null));
        answer(svc, "GET", "/api/ledger/proofs/consistency", "proof", "The tree of size 1 extended to the latest",
                HttpJson.get(ledger + "/api/ledger/proofs/consistency?from=1&to=" + size, null));
        answer(svc, "GET", "/api/ledger/verify", "report", "The stored log re-verified", HttpJson.get(ledger + "/api/ledger/verify", regulator));
    }

    private static HttpJson.Reply ok(HttpJson.Reply reply) {
        if (reply.status() >= 300) {
            throw new IllegalStateException("answered " + reply.status() + ": " + reply.body());
        }
        return reply;
    }
}
