package io.tradenet.ledger;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.common.mapper.TypeRef;
import io.tradenet.contract.checkpoint.SignedNote;
import io.tradenet.contract.ledger.LedgerEntry;
import io.tradenet.contract.notary.NotarisedTransaction;
import io.tradenet.contract.party.DemoNetwork;
import io.tradenet.testkit.BadTokens;
import io.tradenet.testkit.KafkaResource;
import io.tradenet.testkit.NetworkResource;
import io.tradenet.testkit.OpenApiGuard;
import io.tradenet.testkit.PostgresResource;
import io.tradenet.testkit.TestNetwork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static io.tradenet.ledger.NotarisedFixtures.issue;
import static io.tradenet.ledger.NotarisedFixtures.latestCheckpoint;
import static io.tradenet.ledger.NotarisedFixtures.notarise;
import static io.tradenet.testkit.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * Who reads the ledger (BRIEF section 7): checkpoint, leaves and proofs are public (hashes only);
 * entries and the audit stream need a registered party's token and show a party only the entries it is
 * party to; regulators read every entry and alone may re-verify the stored log.
 */
@QuarkusTest
@WithTestResource(value = NetworkResource.class, initArgs = @ResourceArg(name = "party", value = "ledger"))
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class LedgerAccessControlTest {

    private static final Set<String> PUBLIC = Set.of("/api/ledger/checkpoint", "/api/ledger/checkpoints/{size}", "/api/ledger/leaves",
            "/api/ledger/verifier-key",
            "/api/ledger/proofs/inclusion", "/api/ledger/proofs/consistency");

    private static NotarisedTransaction banks;
    private static NotarisedTransaction carriers;

    @BeforeEach
    synchronized void twoEntriesOfDifferentParties() {
        if (carriers != null) {
            return;
        }
        List<NotarisedTransaction> txs = notarise(List.of(issue(DemoNetwork.ISSUING_BANK, List.of()), issue(DemoNetwork.CARRIER, List.of())));
        txs.forEach(NotarisedFixtures::publish);
        banks = txs.get(0);
        carriers = txs.get(1);
        await().atMost(Duration.ofSeconds(60)).until(() -> latestCheckpoint().size() > carriers.sequence());
    }

    @Test
    void everyNonPublicOperationInTheOpenApiDocumentRefusesAnAnonymousCallerWith401() {
        OpenApiGuard.assertEveryOperationRefusesAnonymousCallers(PUBLIC, "/api/ledger/entries", "/api/ledger/entries/{index}", "/api/ledger/verify", "/api/audit/stream");
    }

    @Test
    void checkpointLeavesAndProofsArePublic() {
        long size = latestCheckpoint().size();
        RestAssured.given().when().get("/api/ledger/checkpoint").then().statusCode(200);
        RestAssured.given().when().get("/api/ledger/checkpoints/" + size).then().statusCode(200);
        RestAssured.given().queryParam("from", 0).queryParam("limit", 1).when().get("/api/ledger/leaves").then().statusCode(200);
        RestAssured.given().queryParam("index", 0).queryParam("treeSize", size).when().get("/api/ledger/proofs/inclusion").then().statusCode(200);
        RestAssured.given().queryParam("from", 1).queryParam("to", size).when().get("/api/ledger/proofs/consistency").then().statusCode(200);
    }

    @Test
    void theVerifierKeyIsPublicAndIsTheRegistrysLedgerKeyInC2spVkeyForm() {
        String origin = RestAssured.given().when().get("/api/ledger/checkpoint").then().statusCode(200).extract().asString().split("\n")[0];
        RestAssured.given().when().get("/api/ledger/verifier-key").then().statusCode(200)
                .body(equalTo(SignedNote.verifierKey(origin, TestNetwork.key(DemoNetwork.LEDGER).publicKey())));
    }

    @Test
    void everyOperationInTheOpenApiDocumentShowsAnExampleOfItsRequestAndAnswer() {
        OpenApiGuard.assertEveryOperationHasExamples();
    }

    static Stream<Arguments> badTokens() {
        return BadTokens.all().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void readingEntriesWithAnInvalidTokenIsRefusedWith401(String flaw, String authorization) {
        var request = RestAssured.given();
        if (authorization != null) {
            request = request.header("Authorization", authorization);
        }
        request.when().get("/api/ledger/entries/" + banks.sequence()).then().statusCode(401)
                .contentType(startsWith("application/problem+json")).body("type", equalTo("urn:tradenet:problem:unauthenticated"));
    }

    @Test
    void aRegulatorReadsEveryEntry() {
        as(DemoNetwork.REGULATOR).when().get("/api/ledger/entries/" + banks.sequence()).then().statusCode(200).body("txId", equalTo(banks.txId()));
        as(DemoNetwork.REGULATOR).when().get("/api/ledger/entries/" + carriers.sequence()).then().statusCode(200).body("txId", equalTo(carriers.txId()));
    }

    @Test
    void aPartyReadsAnEntryItIsPartyToButNotAnotherPartysEntry() {
        as(DemoNetwork.CARRIER).when().get("/api/ledger/entries/" + carriers.sequence()).then().statusCode(200);
        as(DemoNetwork.CARRIER).when().get("/api/ledger/entries/" + banks.sequence()).then().statusCode(403)
                .body("type", equalTo("urn:tradenet:problem:not-a-party"));
        as(DemoNetwork.APPLICANT).when().get("/api/ledger/entries/" + carriers.sequence()).then().statusCode(403);
    }

    @Test
    void aPartyListingEntriesGetsOnlyItsOwn() {
        List<LedgerEntry> page = as(DemoNetwork.CARRIER).queryParam("from", banks.sequence()).queryParam("limit", LedgerEntry.MAX_PAGE)
                .when().get("/api/ledger/entries").then().statusCode(200).extract().as(new TypeRef<List<LedgerEntry>>() { });
        assertThat(page).extracting(LedgerEntry::txId).contains(carriers.txId()).doesNotContain(banks.txId());
        assertThat(page).allSatisfy(entry -> assertThat(entry.transaction().parsedTransaction().outputs())
                .anySatisfy(output -> assertThat(output.participants()).contains(DemoNetwork.CARRIER)));
    }

    @Test
    void onlyARegulatorMayReverifyTheStoredLog() {
        as(DemoNetwork.ISSUING_BANK).when().get("/api/ledger/verify").then().statusCode(403)
                .body("type", equalTo("urn:tradenet:problem:role-not-allowed"));
        as(DemoNetwork.REGULATOR).when().get("/api/ledger/verify").then().statusCode(200).body("ok", equalTo(true));
    }
}
