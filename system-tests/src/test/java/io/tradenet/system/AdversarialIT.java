package io.tradenet.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradenet.contract.checkpoint.Checkpoint;
import io.tradenet.contract.crypto.Hashing;
import io.tradenet.contract.crypto.SigningKey;
import io.tradenet.contract.envelope.Envelopes;
import io.tradenet.contract.json.CanonicalJson;
import io.tradenet.contract.json.Json;
import io.tradenet.contract.ledger.LogVerifier;
import io.tradenet.contract.messaging.Topics;
import io.tradenet.contract.notary.NotarisationRequest;
import io.tradenet.contract.notary.RequestBatch;
import io.tradenet.contract.party.DemoNetwork;
import io.tradenet.contract.trade.Actions;
import io.tradenet.contract.tx.SignedInstruction;
import io.tradenet.contract.tx.StateRef;
import io.tradenet.contract.tx.TimeWindow;
import io.tradenet.contract.tx.TransactionBuilder;
import io.tradenet.contract.tx.WireTransaction;
import io.tradenet.deploy.auth.DevTokens;
import io.tradenet.deploy.demo.DemoCredits;
import io.tradenet.deploy.infra.ServiceProcess;
import io.tradenet.deploy.local.LocalNetwork;
import io.tradenet.testkit.KafkaTestClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The adversarial suite (BRIEF section 7): well over 100 distinct bad inputs against the three services
 * running as real processes. Each case asserts the status and the problem type; afterwards nothing has
 * changed (no credit created, no ledger entry, no state consumed) and every service is still healthy.
 * Poison Kafka records land on the dead-letter topics and the consumers go on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdversarialIT {

    /** One bad input: what it is, which service, how to send it, and the answer it must get. */
    record Case(String name, String service, String method, String path, String party, String contentType, String body,
                Map<String, String> headers, int status, String problem) {
        @Override
        public String toString() {
            return service + ": " + name;
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final String BANK = DemoNetwork.ISSUING_BANK;
    private static final String JSON = "application/json";

    private LocalNetwork network;
    private long ledgerSizeBefore;
    private final Set<String> attemptedReferences = new HashSet<>();
    private final Set<String> attemptedTxIds = new HashSet<>();
    private StateRef liveState;

    @BeforeAll
    void start() throws Exception {
        network = RunningNetwork.start(1);
        // one genuine credit and one genuine notarisation, so replays and duplicates have something to collide with
        SignedInstruction genuine = DemoCredits.issuance(DemoCredits.machinery(GENUINE_REFERENCE), key(BANK));
        genuineIssuance = Json.write(genuine);
        assertThat(send(new Case("genuine", "lc", "POST", "/api/credits", BANK, JSON, genuineIssuance, Map.of(), 201, null)).statusCode())
                .isEqualTo(201);
        WireTransaction issue = TransactionBuilder.forNotary(DemoNetwork.NOTARY)
                .output("Token", List.of(BANK), JsonNodeFactory.instance.objectNode().put("n", 1)).signedBy(key(BANK), "Issue", null);
        assertThat(send(new Case("genuine", "notary", "POST", "/api/notarisations", BANK, JSON,
                Json.write(NotarisationRequest.of(issue, BANK)), Map.of(), 200, null)).statusCode()).isEqualTo(200);
        liveState = issue.outputRef(0);
        long expected = 2;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (checkpoint().size() < expected && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        ledgerSizeBefore = checkpoint().size();
        assertThat(ledgerSizeBefore).isEqualTo(expected);
    }

    private static final String GENUINE_REFERENCE = DemoCredits.newReference();
    private static String genuineIssuance;

    // ---------------------------------------------------------------- the cases

    List<Case> cases() throws Exception {
        List<Case> cases = new ArrayList<>();
        // letter-of-credit service: POST /api/credits
        cases.add(lc("empty body", "", 400, "malformed-document"));
        cases.add(lc("truncated JSON", issuance(c -> { }).substring(0, 120), 400, "malformed-document"));
        cases.add(lc("JSON null", "null", 400, "malformed-document"));
        cases.add(lc("JSON array", "[]", 400, "malformed-document"));
        cases.add(lc("JSON string", "\"IssueCredit\"", 400, "malformed-document"));
        cases.add(lc("not JSON at all", "MT700 please", 400, "malformed-document"));
        cases.add(lc("nesting 200 deep", "[".repeat(200) + "]".repeat(200), 400, "malformed-document"));
        cases.add(lc("number of 100 digits", "{\"signature\":" + "9".repeat(100) + "}", 400, "malformed-document"));
        cases.add(lc("body over the 512 KiB limit", "{\"pad\":\"" + "x".repeat(600 * 1024) + "\"}", 413, "body-too-large"));
        cases.add(new Case("text/plain body", "lc", "POST", "/api/credits", BANK, "text/plain", issuance(c -> { }), Map.of(), 415, "unsupported-media-type"));
        cases.add(new Case("XML body", "lc", "POST", "/api/credits", BANK, "application/xml", "<credit/>", Map.of(), 415, "unsupported-media-type"));
        cases.add(new Case("no content type", "lc", "POST", "/api/credits", BANK, null, issuance(c -> { }), Map.of(), 415, "unsupported-media-type"));
        cases.add(lc("signature missing", withoutSignature(issuance(c -> { })), 400, "malformed-document"));
        cases.add(lc("signature not base64", withSignature(issuance(c -> { }), "not base64 !!"), 403, "signature-invalid"));
        cases.add(lc("signature of 10 bytes", withSignature(issuance(c -> { }), Hashing.b64(new byte[10])), 403, "signature-invalid"));
        cases.add(lc("signature of zeros", withSignature(issuance(c -> { }), Hashing.b64(new byte[64])), 403, "signature-invalid"));
        cases.add(lc("signed by the applicant's key, naming the bank", forged(issuance(c -> { }), DemoNetwork.APPLICANT), 403, "signature-invalid"));
        cases.add(lc("credit changed after signing", tampered(issuance(c -> { }), "amount", "9999999.00"), 403, "signature-invalid"));
        cases.add(lc("instruction signed by an unknown party", issuance(i -> i.put("signer", "mallory"), null, true), 403, "unknown-party"));
        cases.add(new Case("submitted by another bank", "lc", "POST", "/api/credits", DemoNetwork.ADVISING_BANK, JSON, issuance(c -> { }),
                Map.of(), 403, "signer-not-caller"));
        cases.add(new Case("submitted by the applicant", "lc", "POST", "/api/credits", DemoNetwork.APPLICANT, JSON, issuance(c -> { }),
                Map.of(), 403, "role-not-allowed"));
        cases.add(new Case("submitted by the carrier", "lc", "POST", "/api/credits", DemoNetwork.CARRIER, JSON, issuance(c -> { }),
                Map.of(), 403, "role-not-allowed"));
        cases.add(new Case("submitted by the regulator", "lc", "POST", "/api/credits", DemoNetwork.REGULATOR, JSON, issuance(c -> { }),
                Map.of(), 403, "role-not-allowed"));
        cases.add(lc("a bank issuing a credit naming another issuing bank", issuanceBy(DemoNetwork.ADVISING_BANK), 403, "wrong-party",
                DemoNetwork.ADVISING_BANK));
        cases.add(lc("replay of the genuine issuance", genuineIssuance, 409, "instruction-replayed"));
        cases.add(lc("new instruction reusing a credit number", issuance(c -> c.put("reference", GENUINE_REFERENCE)), 409, "reference-taken"));
        cases.add(lc("action is not IssueCredit", issuance(i -> i.put("action", "Move"), null, true), 400, "wrong-action"));
        cases.add(lc("instruction names another notary", issuance(i -> i.put("notary", "rogue-notary"), null, true), 422, "wrong-notary"));
        cases.add(lc("time window closed an hour ago", issuance(i -> i.set("timeWindow", window(-5400, -3600)), null, true), 422, "time-window-invalid"));
        cases.add(lc("time window of a year", issuance(i -> i.set("timeWindow", window(-60, 365L * 86400)), null, true), 422, "time-window-too-wide"));
        cases.add(lc("time window without bounds", issuance(i -> i.remove("timeWindow"), null, true), 400, "malformed-instruction"));
        cases.add(lc("issuance that consumes a state", issuance(i -> i.set("consumes", JsonNodeFactory.instance.arrayNode().add(liveState.toString())),
                null, true), 422, "invalid-instruction"));
        cases.add(lc("instruction id of 200 characters", issuance(i -> i.put("id", "x".repeat(200)), null, true), 400, "malformed-instruction"));
        cases.add(lc("body without a credit", issuance(i -> i.set("body", JsonNodeFactory.instance.objectNode()), null, true), 400, "malformed-instruction"));
        cases.add(lc("credit is a string", issuance(i -> ((ObjectNode) i.get("body")).put("credit", "LC1"), null, true), 400, "malformed-instruction"));
        cases.add(lc("issue date not a date", issuance(c -> c.put("issueDate", "yesterday")), 400, "malformed-credit"));
        cases.add(lc("tolerance not a number", issuance(c -> c.put("tolerancePlus", "five")), 400, "malformed-credit"));
        cases.add(lc("credit number of 17 characters (20)", issuance(c -> c.put("reference", "LC" + "1".repeat(15))), 422, "invalid-credit"));
        cases.add(lc("credit number with a '<' (20)", issuance(c -> c.put("reference", "LC<script>")), 422, "invalid-credit"));
        cases.add(lc("currency in lower case (32B)", issuance(c -> c.put("currency", "eur")), 422, "invalid-credit"));
        cases.add(lc("negative amount (32B)", issuance(c -> c.put("amount", "-5")), 422, "invalid-credit"));
        cases.add(lc("zero amount (32B)", issuance(c -> c.put("amount", "0.00")), 422, "invalid-credit"));
        cases.add(lc("three decimals (32B)", issuance(c -> c.put("amount", "10.001")), 422, "invalid-credit"));
        cases.add(lc("amount of 20 digits (32B)", issuance(c -> c.put("amount", "9".repeat(20))), 422, "invalid-credit"));
        cases.add(lc("expiry before issue (31D)", issuance(c -> c.put("expiryDate", "2020-01-01")), 422, "invalid-credit"));
        cases.add(lc("no place of expiry (31D)", issuance(c -> c.putNull("expiryPlace")), 422, "invalid-credit"));
        cases.add(lc("unregistered applicant (50)", issuance(c -> c.put("applicant", "nobody")), 422, "invalid-credit"));
        cases.add(lc("a bank as beneficiary (59)", issuance(c -> c.put("beneficiary", DemoNetwork.ADVISING_BANK)), 422, "invalid-credit"));
        cases.add(lc("carrier as advising bank (57a)", issuance(c -> c.put("advisingBank", DemoNetwork.CARRIER)), 422, "invalid-credit"));
        cases.add(lc("tolerance of 150 percent (39A)", issuance(c -> c.put("tolerancePlus", 150)), 422, "invalid-credit"));
        cases.add(lc("available by magic (41a)", issuance(c -> c.put("availableBy", "BY MAGIC")), 422, "invalid-credit"));
        cases.add(lc("draft drawn on the applicant (42a, UCP art. 6(c))", issuance(c -> c.put("drawee", DemoNetwork.APPLICANT)), 422, "invalid-credit"));
        cases.add(lc("latest shipment after expiry (44C)", issuance(c -> c.put("latestShipmentDate", "2099-01-01")), 422, "invalid-credit"));
        cases.add(lc("presentation period of 0 days (48)", issuance(c -> c.put("presentationPeriodDays", 0)), 422, "invalid-credit"));
        cases.add(lc("confirmation 'PERHAPS' (49)", issuance(c -> c.put("confirmationInstructions", "PERHAPS")), 422, "invalid-credit"));
        cases.add(lc("goods description of 7,000 characters (45A)", issuance(c -> c.put("goods", "X".repeat(7000))), 422, "invalid-credit"));
        cases.add(lc("101 required documents (46A)", issuance(c -> {
            ArrayNode docs = c.putArray("documentsRequired");
            for (int i = 0; i < 101; i++) {
                docs.add("COPY " + i);
            }
        }), 422, "invalid-credit"));
        // letter-of-credit service: MT700 issuances (the bank signs the FIN text)
        String mtReference = DemoCredits.newReference();
        attemptedReferences.add(mtReference);
        String fin = MACHINERY_MT700.replace(":20:LC26SH000117", ":20:" + mtReference);
        cases.add(lc("MT700 truncated in block 4", mt700(fin.substring(0, fin.indexOf(":32B:"))), 422, "invalid-mt700"));
        cases.add(lc("MT700 without 32B", mt700(fin.replaceFirst(":32B:[^\n]*\n", "")), 422, "invalid-mt700"));
        cases.add(lc("MT700 with a non-numeric amount (32B)", mt700(fin.replace(":32B:EUR1250000,00", ":32B:EURABC,DE")), 422, "invalid-mt700"));
        cases.add(lc("MT700 with a date of 31 February (31C)", mt700(fin.replace(":31C:261015", ":31C:260231")), 422, "invalid-mt700"));
        cases.add(lc("MT700 with control bytes", mt700("{1:F01TFBKCNSHAXXX0000000000}{4:\n:20:\u0000\u0007\n-}"), 422, "invalid-mt700"));
        cases.add(lc("MT700 from an unregistered bank (sender)", mt700(fin.replace("{1:F01TFBKCNSHAXXX", "{1:F01ZZZZCNSHAXXX")), 422, "invalid-mt700"));
        cases.add(lc("MT707 sent as an issuance", mt700(fin.replace("{2:I700", "{2:I707")), 422, "invalid-mt700"));
        cases.add(lc("MT700 that is not a string", issuance(i -> ((ObjectNode) i.get("body")).removeAll().put("mt700", 700), null, true), 400,
                "malformed-instruction"));
        cases.add(lc("MT700 with expiry before issue (31D)", mt700(fin.replace(":31D:270115HAMBURG", ":31D:250115HAMBURG")), 422, "invalid-credit"));
        // letter-of-credit service: lifecycle steps out of order or by the wrong party, on the genuine credit
        JsonNode genuineCredit = Json.parse(send(get("lc", "read", "/api/credits/" + GENUINE_REFERENCE, BANK, 200, null)).body());
        StateRef current = StateRef.parse(genuineCredit.path("stateRef").asText());
        String actions = "/api/credits/" + GENUINE_REFERENCE + "/actions";
        cases.add(new Case("accept an amendment never issued", "lc", "POST", actions, DemoNetwork.BENEFICIARY, JSON,
                step(Actions.ACCEPT_AMENDMENT, DemoNetwork.BENEFICIARY, current, b -> b.put("amendment", 1)), Map.of(), 409, "no-pending-amendment"));
        cases.add(new Case("honour a presentation never made", "lc", "POST", actions, BANK, JSON,
                step(Actions.HONOUR, BANK, current, b -> b.put("presentation", "P9")), Map.of(), 404, "not-found"));
        cases.add(new Case("refuse before any presentation", "lc", "POST", actions, BANK, JSON,
                step(Actions.REFUSE, BANK, current, b -> b.put("presentation", "P1")), Map.of(), 404, "not-found"));
        cases.add(new Case("advise by a bank outside the credit", "lc", "POST", actions, "tfbk-beijing", JSON,
                step(Actions.ADVISE_CREDIT, "tfbk-beijing", current, b -> { }), Map.of(), 404, "not-found"));
        cases.add(new Case("amend by the advising bank", "lc", "POST", actions, DemoNetwork.ADVISING_BANK, JSON,
                step(Actions.AMEND_CREDIT, DemoNetwork.ADVISING_BANK, current, b -> b.putObject("amendment").put("number", 1)), Map.of(), 403,
                "not-your-credit"));
        cases.add(new Case("a step on a stale state", "lc", "POST", actions, DemoNetwork.ADVISING_BANK, JSON,
                step(Actions.ADVISE_CREDIT, DemoNetwork.ADVISING_BANK, new StateRef("a".repeat(64), 0), b -> { }), Map.of(), 409, "stale-state"));
        cases.add(new Case("documents presented by the applicant", "lc", "POST", actions, DemoNetwork.APPLICANT, JSON,
                step(Actions.PRESENT_DOCUMENTS, DemoNetwork.APPLICANT, current, b -> b.putObject("presentation").put("id", "P1")), Map.of(), 403,
                "wrong-role"));
        cases.add(new Case("an issuance sent as a lifecycle step", "lc", "POST", actions, BANK, JSON, issuance(c -> { }), Map.of(), 400,
                "wrong-action"));
        cases.add(new Case("a step that names another credit", "lc", "POST", actions, DemoNetwork.ADVISING_BANK, JSON,
                step(Actions.ADVISE_CREDIT, DemoNetwork.ADVISING_BANK, current, b -> b.put("reference", "LCOTHER")), Map.of(), 400,
                "malformed-instruction"));
        cases.add(new Case("an amendment by MT707 of another credit", "lc", "POST", actions, BANK, JSON,
                step(Actions.AMEND_CREDIT, BANK, current, b -> b.put("mt707", MACHINERY_MT707)), Map.of(), 422, "invalid-mt707"));
        cases.add(new Case("a presentation without documents", "lc", "POST", actions, DemoNetwork.BENEFICIARY, JSON,
                step(Actions.PRESENT_DOCUMENTS, DemoNetwork.BENEFICIARY, current, b -> b.putObject("presentation").put("id", "P1").put("amount", "10.00")),
                Map.of(), 400, "invalid-presentation"));
        // letter-of-credit service: reads and routing
        cases.add(get("lc", "another party's credit", "/api/credits/" + GENUINE_REFERENCE, DemoNetwork.CARRIER, 404, "not-found"));
        cases.add(get("lc", "a credit that does not exist", "/api/credits/NOPE", BANK, 404, "not-found"));
        cases.add(get("lc", "path traversal", "/api/credits/..%2F..%2Fetc%2Fpasswd", BANK, 404, "not-found"));
        cases.add(new Case("DELETE a credit", "lc", "DELETE", "/api/credits/" + GENUINE_REFERENCE, BANK, null, null, Map.of(), 405, "method-not-allowed"));
        cases.add(get("lc", "unknown path", "/api/letters", BANK, 404, "not-found"));

        // notary service: POST /api/notarisations
        WireTransaction move = move(List.of(liveState));
        cases.add(notary("empty body", BANK, "", 400, "malformed-document"));
        cases.add(notary("truncated JSON", BANK, Json.write(NotarisationRequest.of(move, BANK)).substring(0, 80), 400, "malformed-document"));
        cases.add(notary("transaction is a string", BANK, "{\"transaction\":\"tx\",\"requester\":\"" + BANK + "\"}", 422, "transaction-invalid"));
        cases.add(notary("inputs is not a list", BANK, replaceInTx(move, t -> t.put("inputs", "all")), 422, "transaction-invalid"));
        cases.add(notary("body over the 1 MiB limit", BANK, "{\"pad\":\"" + "x".repeat(1100 * 1024) + "\"}", 413, "body-too-large"));
        cases.add(new Case("text/plain body", "notary", "POST", "/api/notarisations", BANK, "text/plain", Json.write(NotarisationRequest.of(move, BANK)),
                Map.of(), 415, "unsupported-media-type"));
        cases.add(notary("requester is not the caller", DemoNetwork.ADVISING_BANK, Json.write(NotarisationRequest.of(move, BANK)), 403, "signer-not-caller"));
        cases.add(notary("a regulator asks for notarisation", DemoNetwork.REGULATOR, Json.write(NotarisationRequest.of(move, DemoNetwork.REGULATOR)),
                403, "role-not-allowed"));
        cases.add(notary("requester's instruction signature forged", BANK, forgedTx(move), 422, "request-signature-invalid"));
        cases.add(notary("transaction signed by someone other than the requester", DemoNetwork.ADVISING_BANK,
                Json.write(NotarisationRequest.of(move, DemoNetwork.ADVISING_BANK)), 422, "request-signature-invalid"));
        cases.add(notary("transaction names another notary", BANK, Json.write(NotarisationRequest.of(TransactionBuilder.forNotary("rogue")
                .consume(liveState).output("Token", List.of(BANK), JsonNodeFactory.instance.objectNode()).signedBy(key(BANK), "Move", null), BANK)),
                422, "transaction-invalid"));
        cases.add(notary("the same input twice", BANK, Json.write(NotarisationRequest.of(move(List.of(liveState, liveState)), BANK)), 422,
                "transaction-invalid"));
        cases.add(notary("time window in the past", BANK, Json.write(NotarisationRequest.of(moveWithin(liveState,
                TimeWindow.between(Instant.now().minusSeconds(7200), Instant.now().minusSeconds(3600))), BANK)), 422, "time-window-invalid"));
        cases.add(notary("time window in the future", BANK, Json.write(NotarisationRequest.of(moveWithin(liveState,
                TimeWindow.between(Instant.now().plusSeconds(3600), Instant.now().plusSeconds(7200))), BANK)), 422, "time-window-invalid"));
        cases.add(notary("input state that names no transaction", BANK, replaceInTx(move,
                t -> t.set("inputs", JsonNodeFactory.instance.arrayNode().add("zz:0"))), 422, "transaction-invalid"));
        cases.add(get("notary", "malformed transaction id", "/api/notarisations/xyz", BANK, 400, "malformed-transaction-id"));
        cases.add(get("notary", "upper-case transaction id", "/api/notarisations/" + "A".repeat(64), BANK, 400, "malformed-transaction-id"));
        cases.add(get("notary", "malformed state reference", "/api/spent-states/not-a-ref", BANK, 400, "malformed-state-ref"));
        cases.add(get("notary", "another party's spent state", "/api/spent-states/" + liveState, DemoNetwork.CARRIER, 404, "not-found"));
        cases.add(new Case("PUT a notarisation", "notary", "PUT", "/api/notarisations", BANK, JSON, "{}", Map.of(), 405, "method-not-allowed"));

        // ledger service
        cases.add(get("ledger", "negative from", "/api/ledger/leaves?from=-1", null, 400, "bad-range"));
        cases.add(get("ledger", "limit 0", "/api/ledger/leaves?from=0&limit=0", null, 400, "bad-range"));
        cases.add(get("ledger", "limit over a page of entries", "/api/ledger/entries?from=0&limit=100000", DemoNetwork.REGULATOR, 400, "bad-range"));
        cases.add(get("ledger", "limit not a number", "/api/ledger/entries?from=0&limit=many", DemoNetwork.REGULATOR, 404, "not-found"));
        cases.add(get("ledger", "inclusion proof beyond the tree", "/api/ledger/proofs/inclusion?index=5&treeSize=1000000000", null, 400, "bad-tree-size"));
        cases.add(get("ledger", "inclusion proof of tree size 0", "/api/ledger/proofs/inclusion?index=0&treeSize=0", null, 400, "bad-tree-size"));
        cases.add(get("ledger", "inclusion proof index after the tree", "/api/ledger/proofs/inclusion?index=2&treeSize=2", null, 400, "bad-index"));
        cases.add(get("ledger", "consistency from after to", "/api/ledger/proofs/consistency?from=2&to=1", null, 400, "bad-tree-size"));
        cases.add(get("ledger", "checkpoint at a size never signed", "/api/ledger/checkpoints/999999999", null, 404, "not-found"));
        cases.add(get("ledger", "entry that does not exist", "/api/ledger/entries/999999999", DemoNetwork.REGULATOR, 404, "not-found"));
        cases.add(get("ledger", "another party's entry", "/api/ledger/entries/0", DemoNetwork.CARRIER, 403, "not-a-party"));
        cases.add(get("ledger", "re-verify as a bank", "/api/ledger/verify", BANK, 403, "role-not-allowed"));
        cases.add(new Case("Last-Event-ID not a number", "ledger", "GET", "/api/audit/stream", DemoNetwork.REGULATOR, null, null,
                Map.of("Last-Event-ID", "abc"), 400, "bad-last-event-id"));
        cases.add(get("ledger", "audit stream from -5", "/api/audit/stream?from=-5", DemoNetwork.REGULATOR, 400, "bad-range"));
        cases.add(new Case("POST to the ledger", "ledger", "POST", "/api/ledger/entries", DemoNetwork.REGULATOR, JSON, "{}", Map.of(), 405,
                "method-not-allowed"));

        // tokens: every flaw against one protected endpoint of each service
        for (Map.Entry<String, String> flaw : badTokens().entrySet()) {
            Map<String, String> auth = flaw.getValue() == null ? Map.of() : Map.of("Authorization", flaw.getValue());
            cases.add(new Case("token: " + flaw.getKey(), "lc", "POST", "/api/credits", null, JSON, issuance(c -> { }), auth, 401, "unauthenticated"));
            cases.add(new Case("token: " + flaw.getKey(), "notary", "POST", "/api/notarisations", null, JSON,
                    Json.write(NotarisationRequest.of(move(List.of(liveState)), BANK)), auth, 401, "unauthenticated"));
            cases.add(new Case("token: " + flaw.getKey(), "ledger", "GET", "/api/ledger/entries/0", null, null, null, auth, 401, "unauthenticated"));
        }
        return cases;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachBadInputGetsItsProblemAndChangesNothing(Case bad) throws Exception {
        HttpResponse<String> response = send(bad);
        assertThat(response.statusCode()).as(bad + " -> " + response.body()).isEqualTo(bad.status());
        assertThat(response.headers().firstValue("Content-Type").orElse("")).as(bad.toString()).startsWith("application/problem+json");
        assertThat(Json.parse(response.body()).path("type").asText()).as(bad + " -> " + response.body())
                .isEqualTo("urn:tradenet:problem:" + bad.problem());
    }

    @Test
    void thereAreAtLeastAHundredDistinctCases() throws Exception {
        List<Case> all = cases();
        assertThat(all.stream().map(Case::toString).distinct().count()).isGreaterThanOrEqualTo(100);
    }

    @Test
    void poisonKafkaRecordsLandOnDeadLetterTopicsAndTheConsumersGoOn() {
        String bootstrap = network.kafka().bootstrapServers();
        String marker = UUID.randomUUID().toString();
        Map<String, String> poison = new LinkedHashMap<>();
        poison.put(Topics.NOTARY_REQUESTS, "garbage " + marker);
        poison.put(Topics.NOTARISED_TRANSACTIONS, "{\"transactions\":[],\"m\":\"" + marker + "\"}");
        poison.put(Topics.NOTARY_REPLIES, "[" + marker);
        poison.forEach((topic, value) -> KafkaTestClient.send(bootstrap, topic, marker, value));
        // a correctly formed request batch signed by a party that is not allowed to send one (the carrier)
        WireTransaction tx = move(List.of(liveState));
        KafkaTestClient.send(bootstrap, Topics.NOTARY_REQUESTS, marker, Envelopes.seal(Topics.TYPE_NOTARISATION_REQUESTS, marker,
                new RequestBatch(List.of(new RequestBatch.Item(marker, NotarisationRequest.of(tx, BANK)))), key(DemoNetwork.CARRIER)));
        for (String topic : poison.keySet()) {
            List<ConsumerRecord<String, String>> dead = KafkaTestClient.readUntil(bootstrap, Topics.deadLetter(topic),
                    r -> r.value().contains(marker), Duration.ofSeconds(60));
            assertThat(dead.get(dead.size() - 1).headers().lastHeader("dead-letter-reason")).as(topic).isNotNull();
        }
        KafkaTestClient.readUntil(bootstrap, Topics.deadLetter(Topics.NOTARY_REQUESTS),
                r -> marker.equals(r.key()) && r.value().contains("\"requests\""), Duration.ofSeconds(60));
    }

    @AfterAll
    void nothingChangedAndEveryServiceIsHealthy() throws Exception {
        if (network == null) {
            return;
        }
        try {
            checkNothingChanged();
        } finally {
            network.close();
            network = null;
        }
    }

    private void checkNothingChanged() throws Exception {
        for (ServiceProcess service : network.services()) {
            HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/q/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).as(service.baseUrl()).isEqualTo(200);
        }
        Thread.sleep(1500); // anything wrongly accepted would have reached the ledger by now
        assertThat(checkpoint().size()).as("no ledger entry from any bad input").isEqualTo(ledgerSizeBefore);
        for (String reference : attemptedReferences) {
            if (!reference.equals(GENUINE_REFERENCE)) {
                assertThat(send(get("lc", "after", "/api/credits/"
                        + java.net.URLEncoder.encode(reference, StandardCharsets.UTF_8).replace("+", "%20"), DemoNetwork.REGULATOR, 404, "not-found")).statusCode())
                        .as("credit " + reference).isEqualTo(404);
            }
        }
        for (String txId : attemptedTxIds) {
            int status = send(get("notary", "after", "/api/notarisations/" + txId, DemoNetwork.REGULATOR, 0, null)).statusCode();
            if (status == 200) {
                String outcome = Json.parse(send(get("notary", "after", "/api/notarisations/" + txId, DemoNetwork.REGULATOR, 0, null)).body())
                        .path("outcome").asText();
                assertThat(outcome).as("tx " + txId).isNotEqualTo("SUCCESS");
            }
        }
        HttpResponse<String> audit = send(get("notary", "after", "/api/spent-states/" + liveState, DemoNetwork.REGULATOR, 404, "not-found"));
        assertThat(audit.statusCode()).as("the live state is still unconsumed").isEqualTo(404);
    }

    // ---------------------------------------------------------------- building bad inputs

    private SigningKey key(String party) {
        return network.network().key(party);
    }

    private Case lc(String name, String body, int status, String problem) {
        return lc(name, body, status, problem, BANK);
    }

    private Case lc(String name, String body, int status, String problem, String caller) {
        return new Case(name, "lc", "POST", "/api/credits", caller, JSON, body, Map.of(), status, problem);
    }

    private Case notary(String name, String caller, String body, int status, String problem) {
        return new Case(name, "notary", "POST", "/api/notarisations", caller, JSON, body, Map.of(), status, problem);
    }

    private static Case get(String service, String name, String path, String caller, int status, String problem) {
        return new Case(name, service, "GET", path, caller, null, null, Map.of(), status, problem);
    }

    private String issuance(Consumer<ObjectNode> credit) {
        return issuance(null, credit, true);
    }

    /** A fresh issuance by the issuing bank, the instruction and its credit changed before signing. */
    private String issuance(Consumer<ObjectNode> instruction, Consumer<ObjectNode> credit, boolean sign) {
        String reference = DemoCredits.newReference();
        SignedInstruction base = DemoCredits.issuance(DemoCredits.machinery(reference), key(BANK));
        ObjectNode tree = (ObjectNode) base.instruction().deepCopy();
        if (credit != null) {
            credit.accept((ObjectNode) tree.get("body").get("credit"));
        }
        if (instruction != null) {
            instruction.accept(tree);
        }
        JsonNode creditNode = tree.path("body").path("credit");
        attemptedReferences.add(creditNode.path("reference").asText(reference));
        return Json.write(new SignedInstruction(tree, key(BANK).signB64(CanonicalJson.bytes(tree))));
    }

    private static final String MACHINERY_MT700 = String.join("\n",
            "{1:F01TFBKCNSHAXXX0000000000}{2:I700TFBKDEHHXXXXN}{4:", ":27:1/1", ":40A:IRREVOCABLE", ":20:LC26SH000117", ":31C:261015",
            ":40E:UCP LATEST VERSION", ":31D:270115HAMBURG", ":50:SHANGHAI HUAXIN TRADING CO LTD", ":59:NORDSEE MASCHINENBAU GMBH",
            ":32B:EUR1250000,00", ":41A:TFBKDEHHXXX", "BY NEGOTIATION", ":42C:AT SIGHT", ":42A:TFBKCNSHXXX", ":44C:261215",
            ":45A:+2 UNITS CNC MILLING CENTRE", ":46A:+SIGNED COMMERCIAL INVOICE", ":48:21", ":49:CONFIRM", "-}");

    private static final String MACHINERY_MT707 = String.join("\n", "{1:F01TFBKCNSHAXXX0000000000}{2:I707TFBKDEHHXXXXN}{4:", ":20:LC26SH000117",
            ":23:LC26SH000117", ":26E:01", ":32B:EUR125000,00", "-}");

    /** A lifecycle instruction on a credit, signed by {@code signer}, consuming {@code current}; the body names the genuine credit. */
    private String step(String action, String signer, StateRef current, Consumer<ObjectNode> body) {
        ObjectNode b = JsonNodeFactory.instance.objectNode().put("reference", GENUINE_REFERENCE);
        body.accept(b);
        io.tradenet.contract.tx.Instruction instruction = new io.tradenet.contract.tx.Instruction(UUID.randomUUID().toString(), action, signer,
                DemoNetwork.NOTARY, List.of(current), List.of(), TimeWindow.around(Instant.now(), Duration.ofMinutes(10)), b);
        return Json.write(SignedInstruction.sign(instruction, key(signer)));
    }

    /** The issuing bank's signed issuance carrying an MT700 text. */
    private String mt700(String fin) {
        return issuance(i -> {
            ObjectNode body = (ObjectNode) i.get("body");
            body.removeAll();
            body.put("mt700", fin);
        }, null, true);
    }

    private String issuanceBy(String bank) {
        SignedInstruction signed = DemoCredits.issuance(DemoCredits.machinery(DemoCredits.newReference()), key(bank));
        attemptedReferences.add(signed.instruction().path("body").path("credit").path("reference").asText());
        return Json.write(signed);
    }

    private static String withoutSignature(String signed) {
        ObjectNode tree = (ObjectNode) Json.parse(signed);
        tree.remove("signature");
        return Json.write(tree);
    }

    private static String withSignature(String signed, String signature) {
        ObjectNode tree = (ObjectNode) Json.parse(signed);
        tree.put("signature", signature);
        return Json.write(tree);
    }

    private String forged(String signed, String signer) {
        ObjectNode tree = (ObjectNode) Json.parse(signed);
        tree.put("signature", key(signer).signB64(CanonicalJson.bytes(tree.get("instruction"))));
        return Json.write(tree);
    }

    private static String tampered(String signed, String field, String value) {
        ObjectNode tree = (ObjectNode) Json.parse(signed);
        ((ObjectNode) tree.get("instruction").get("body").get("credit")).put(field, value);
        return Json.write(tree);
    }

    private static ObjectNode window(long fromSeconds, long untilSeconds) {
        return (ObjectNode) Json.tree(TimeWindow.between(Instant.now().plusSeconds(fromSeconds), Instant.now().plusSeconds(untilSeconds)));
    }

    private WireTransaction move(List<StateRef> inputs) {
        WireTransaction tx = TransactionBuilder.forNotary(DemoNetwork.NOTARY).consume(inputs)
                .output("Token", List.of(BANK), JsonNodeFactory.instance.objectNode().put("nonce", UUID.randomUUID().toString()))
                .signedBy(key(BANK), "Move", null);
        attemptedTxIds.add(tx.id());
        return tx;
    }

    private WireTransaction moveWithin(StateRef input, TimeWindow window) {
        WireTransaction tx = TransactionBuilder.forNotary(DemoNetwork.NOTARY).consume(input).timeWindow(window)
                .output("Token", List.of(BANK), JsonNodeFactory.instance.objectNode().put("nonce", UUID.randomUUID().toString()))
                .signedBy(key(BANK), "Move", null);
        attemptedTxIds.add(tx.id());
        return tx;
    }

    private String forgedTx(WireTransaction tx) {
        SignedInstruction genuine = tx.commands().get(0);
        SignedInstruction forged = new SignedInstruction(genuine.instruction(), key(DemoNetwork.APPLICANT).signB64(genuine.signedBytes()));
        WireTransaction forgedTx = new WireTransaction(tx.notary(), tx.inputs(), tx.references(), tx.outputs(), List.of(forged), tx.timeWindow());
        attemptedTxIds.add(forgedTx.id());
        return Json.write(NotarisationRequest.of(forgedTx, BANK));
    }

    private static String replaceInTx(WireTransaction tx, Consumer<ObjectNode> change) {
        ObjectNode request = (ObjectNode) Json.tree(NotarisationRequest.of(tx, BANK));
        change.accept((ObjectNode) request.get("transaction"));
        return Json.write(request);
    }

    private Map<String, String> badTokens() throws Exception {
        String party = BANK;
        List<String> bank = List.of("BANK");
        String valid = network.token(party);
        String[] parts = valid.split("\\.");
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        long now = System.currentTimeMillis() / 1000;
        String regulatorClaims = b64("{\"iss\":\"" + DevTokens.ISSUER + "\",\"sub\":\"regulator\",\"upn\":\"regulator\",\"groups\":[\"REGULATOR\"],"
                + "\"iat\":" + now + ",\"exp\":" + (now + 600) + "}");
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("no Authorization header", null);
        bad.put("empty bearer", "Bearer ");
        bad.put("not a JWT", "Bearer not-a-token");
        bad.put("Basic scheme", "Basic " + b64("tfbk-shanghai:secret"));
        bad.put("truncated signature", "Bearer " + valid.substring(0, valid.length() - 10));
        bad.put("claims swapped under a valid signature", "Bearer " + parts[0] + "." + regulatorClaims + "." + parts[2]);
        bad.put("alg none", "Bearer " + b64("{\"alg\":\"none\"}") + "." + regulatorClaims + ".");
        bad.put("expired", "Bearer " + DevTokens.mint(network.network().tokenIssuerPrivateKeyFile(), party, bank, Duration.ofMinutes(-10)));
        bad.put("another issuer's key", "Bearer " + DevTokens.mint(rsa.generateKeyPair().getPrivate(), DevTokens.ISSUER, party, bank, Duration.ofMinutes(5)));
        bad.put("wrong issuer claim", "Bearer " + DevTokens.mint(DevTokens.loadPrivateKey(network.network().tokenIssuerPrivateKeyFile()),
                "urn:elsewhere", party, bank, Duration.ofMinutes(5)));
        bad.put("unregistered subject", "Bearer " + DevTokens.mint(network.network().tokenIssuerPrivateKeyFile(), "mallory", bank, Duration.ofMinutes(5)));
        return bad;
    }

    private static String b64(String text) {
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    // ---------------------------------------------------------------- sending

    private HttpResponse<String> send(Case c) throws Exception {
        String base = switch (c.service()) {
            case "lc" -> network.lc().baseUrl();
            case "notary" -> network.notaries().get(0).baseUrl();
            default -> network.ledger().baseUrl();
        };
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + c.path())).timeout(Duration.ofSeconds(30));
        if (c.party() != null) {
            request.header("Authorization", "Bearer " + network.token(c.party()));
        }
        c.headers().forEach(request::header);
        if (c.contentType() != null) {
            request.header("Content-Type", c.contentType());
        }
        request.method(c.method(), c.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(c.body()));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private Checkpoint checkpoint() throws Exception {
        HttpResponse<String> note = HTTP.send(HttpRequest.newBuilder(URI.create(network.ledger().baseUrl() + "/api/ledger/checkpoint")).build(),
                HttpResponse.BodyHandlers.ofString());
        return LogVerifier.verifyCheckpoint(note.body(), network.network().registry());
    }
}
