package io.tradenet.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import io.tradenet.contract.checkpoint.Checkpoint;
import io.tradenet.contract.crypto.Hashing;
import io.tradenet.contract.json.Json;
import io.tradenet.contract.ledger.AuditEvent;
import io.tradenet.contract.ledger.InclusionProof;
import io.tradenet.contract.ledger.LedgerEntry;
import io.tradenet.contract.ledger.LogVerifier;
import io.tradenet.contract.notary.NotarySignature;
import io.tradenet.contract.notary.NotarySignatures;
import io.tradenet.contract.party.DemoNetwork;
import io.tradenet.contract.tx.SignedInstruction;
import io.tradenet.deploy.demo.DemoCredits;
import io.tradenet.deploy.infra.ServiceProcess;
import io.tradenet.deploy.local.LocalNetwork;
import io.tradenet.testkit.SseClient;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * One letter of credit through everything, as real processes: REST into the letter-of-credit service,
 * Kafka to the notary and back, the notarised transaction to the ledger, the regulator's audit stream.
 */
@ExtendWith(SharedNetwork.class)
class EndToEndIT {

    private static LocalNetwork network;

    @BeforeAll
    static void start(LocalNetwork shared) {
        network = shared;
    }

    private static ExtractableResponse<Response> issue(String reference) {
        SignedInstruction issuance = DemoCredits.issuance(DemoCredits.machinery(reference), network.network().key(DemoNetwork.ISSUING_BANK));
        return as(DemoNetwork.ISSUING_BANK).baseUri(network.lc().baseUrl()).contentType("application/json").body(Json.write(issuance))
                .when().post("/api/credits").then().statusCode(201).body("status", equalTo("ISSUED")).extract();
    }

    private static Checkpoint checkpoint() {
        String note = given().baseUri(network.ledger().baseUrl()).when().get("/api/ledger/checkpoint").then().statusCode(200).extract().asString();
        return LogVerifier.verifyCheckpoint(note, network.network().registry());
    }

    private static LedgerEntry entryOf(String txId) {
        Checkpoint cp = checkpoint();
        for (long i = 0; i < cp.size(); i++) {
            LedgerEntry entry = as(DemoNetwork.REGULATOR).baseUri(network.ledger().baseUrl()).when().get("/api/ledger/entries/" + i).then().statusCode(200)
                    .extract().as(LedgerEntry.class);
            if (entry.txId().equals(txId)) {
                return entry;
            }
        }
        return null;
    }

    @Test
    void aCreditIssuedOverRestIsNotarisedOverKafkaAndAppendedToTheLedgerWhereTheRegulatorSeesIt() {
        for (ServiceProcess service : network.services()) {
            given().baseUri(service.baseUrl()).when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        }

        String firstReference = DemoCredits.newReference();
        String first = issue(firstReference).jsonPath().getString("txId");
        ExtractableResponse<Response> second = issue(DemoCredits.newReference());
        String txId = second.jsonPath().getString("txId");

        // the notary's signature on the issuance verifies against the registry
        NotarySignature signature = Json.bind(Json.tree(second.jsonPath().getMap("notarySignature")), NotarySignature.class);
        NotarySignatures.verify(txId, signature, network.network().registry());

        // the ledger appended both; the second entry links to the first entry's hash
        await().atMost(Duration.ofSeconds(60)).until(() -> entryOf(txId) != null);
        LedgerEntry a = entryOf(first);
        LedgerEntry b = entryOf(txId);
        assertThat(b.index()).isEqualTo(a.index() + 1);
        assertThat(b.previousHash()).isEqualTo(a.leafHash());
        b.transaction().verify(network.network().registry());
        assertThat(ledgerMentions(firstReference)).as("the entries name the credit they concern").isTrue();

        Checkpoint checkpoint = checkpoint();
        assertThat(checkpoint.size()).isGreaterThanOrEqualTo(2);
        InclusionProof proof = given().baseUri(network.ledger().baseUrl()).queryParam("index", b.index()).queryParam("treeSize", checkpoint.size())
                .when().get("/api/ledger/proofs/inclusion").then().statusCode(200).extract().as(InclusionProof.class);
        LogVerifier.verifyInclusion(b, proof, checkpoint);

        // a regulator subscribed to the audit stream sees both, in order, verifiable
        try (SseClient stream = new SseClient(network.ledger().baseUrl() + "/api/audit/stream?from=0",
                Map.of("Authorization", "Bearer " + network.token(DemoNetwork.REGULATOR)))) {
            List<SseClient.Event> events = stream.take((int) checkpoint.size(), Duration.ofSeconds(30));
            assertThat(events).hasSize((int) checkpoint.size());
            AuditEvent last = Json.read(events.get((int) b.index()).data(), AuditEvent.class);
            assertThat(last.entry().txId()).isEqualTo(txId);
            assertThat(last.leafHash()).isEqualTo(b.leafHash());
            assertThat(Hashing.fromB64(last.leafHash())).hasSize(32);
        }
    }

    @Test
    void anUnsignedOrWronglySignedIssuanceIsRefusedAndNothingReachesTheLedger() {
        String reference = DemoCredits.newReference();
        SignedInstruction genuine = DemoCredits.issuance(DemoCredits.machinery(reference), network.network().key(DemoNetwork.ISSUING_BANK));
        SignedInstruction forged = new SignedInstruction(genuine.instruction(), network.network().key(DemoNetwork.APPLICANT)
                .signB64(genuine.signedBytes()));
        as(DemoNetwork.ISSUING_BANK).baseUri(network.lc().baseUrl()).contentType("application/json").body(Json.write(forged))
                .when().post("/api/credits").then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("urn:tradenet:problem:signature-invalid"));
        as(DemoNetwork.ISSUING_BANK).baseUri(network.lc().baseUrl()).when().get("/api/credits/" + reference).then().statusCode(404);
        assertThat(ledgerMentions(reference)).as("a ledger entry naming " + reference).isFalse();
    }

    /** Whether any entry of the ledger (read whole, as the regulator) contains {@code text}. */
    private static boolean ledgerMentions(String text) {
        return LedgerEntries.all(network).stream().anyMatch(entry -> entry.toString().contains(text));
    }

    @Test
    void theDemoTradeOfTheLocalRunGoesThroughEveryStepAndItsLastEntryIsProvenOnTheLedger() {
        io.tradenet.deploy.local.DemoTrade.Outcome outcome = io.tradenet.deploy.local.DemoTrade.run(network.network(), network.lc().baseUrl(),
                network.ledger().baseUrl(), System.out);
        assertThat(outcome.ledgerIndex()).isLessThan(outcome.checkpoint().size());
        JsonNode credit = Json.parse(as(DemoNetwork.REGULATOR).baseUri(network.lc().baseUrl()).when().get("/api/credits/" + outcome.reference())
                .then().statusCode(200).extract().asString());
        assertThat(credit.path("status").asText()).isEqualTo("FULLY_DRAWN");
        assertThat(credit.path("state").path("presentations").get(0).path("ebl").asText()).startsWith("EBL-");
    }

    /** A request with the demo party's bearer token from this network's development issuer. */
    private static RequestSpecification as(String party) {
        return given().header("Authorization", "Bearer " + network.token(party));
    }

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }
}
