package io.tradenet.lc;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.tradenet.contract.json.Json;
import io.tradenet.contract.party.DemoNetwork;
import io.tradenet.contract.tx.SignedInstruction;
import io.tradenet.deploy.auth.DevTokens;
import io.tradenet.deploy.demo.DemoCredits;
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
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static io.tradenet.testkit.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/**
 * Who may issue and read credits (BRIEF section 7): only a bank issues, and only as itself; a credit is
 * read by its issuing and advising banks, applicant and beneficiary, and by regulators; anyone else is
 * told it does not exist.
 */
@QuarkusTest
@WithTestResource(value = NetworkResource.class, initArgs = @ResourceArg(name = "party", value = "lc-gateway"))
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class CreditAccessControlTest {

    private static String reference;

    @BeforeEach
    synchronized void oneCredit() {
        if (reference != null) {
            return;
        }
        String ref = DemoCredits.newReference();
        SignedInstruction issuance = DemoCredits.issuance(DemoCredits.machinery(ref), TestNetwork.key(DemoNetwork.ISSUING_BANK));
        // no notary runs in this service's own tests: the credit stays pending (202), which is enough to read it
        as(DemoNetwork.ISSUING_BANK).contentType("application/json").body(Json.write(issuance)).when().post("/api/credits")
                .then().statusCode(anyOf(equalTo(201), equalTo(202)));
        reference = ref;
    }

    @Test
    void everyOperationInTheOpenApiDocumentRefusesAnAnonymousCallerWith401() {
        OpenApiGuard.assertEveryOperationRefusesAnonymousCallers(Set.of(), "/api/credits", "/api/credits/{reference}", "/api/credits/{reference}/actions", "/api/shipments");
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
    void anIssuanceWithAnInvalidTokenIsRefusedWith401AndNothingIsStored(String flaw, String authorization) {
        String ref = DemoCredits.newReference();
        SignedInstruction issuance = DemoCredits.issuance(DemoCredits.machinery(ref), TestNetwork.key(DemoNetwork.ISSUING_BANK));
        var request = RestAssured.given().contentType("application/json").body(Json.write(issuance));
        if (authorization != null) {
            request = request.header("Authorization", authorization);
        }
        request.when().post("/api/credits").then().statusCode(401)
                .contentType(startsWith("application/problem+json")).body("type", equalTo("urn:tradenet:problem:unauthenticated"));
        as(DemoNetwork.REGULATOR).when().get("/api/credits/" + ref).then().statusCode(404);
    }

    @Test
    void aBankSubmittingAnotherBanksSignedIssuanceIsRefusedAsSignerNotCaller() {
        String ref = DemoCredits.newReference();
        SignedInstruction issuance = DemoCredits.issuance(DemoCredits.machinery(ref), TestNetwork.key(DemoNetwork.ISSUING_BANK));
        as(DemoNetwork.ADVISING_BANK).contentType("application/json").body(Json.write(issuance)).when().post("/api/credits")
                .then().statusCode(403).body("type", equalTo("urn:tradenet:problem:signer-not-caller"));
        as(DemoNetwork.REGULATOR).when().get("/api/credits/" + ref).then().statusCode(404);
    }

    @ParameterizedTest(name = "{0} may not issue")
    @ValueSource(strings = {DemoNetwork.APPLICANT, DemoNetwork.BENEFICIARY, DemoNetwork.CARRIER, DemoNetwork.REGULATOR})
    void onlyABankIssuesCredits(String party) {
        String ref = DemoCredits.newReference();
        SignedInstruction issuance = DemoCredits.issuance(DemoCredits.machinery(ref), TestNetwork.key(DemoNetwork.ISSUING_BANK));
        as(party).contentType("application/json").body(Json.write(issuance)).when().post("/api/credits")
                .then().statusCode(403).body("type", equalTo("urn:tradenet:problem:role-not-allowed"));
        as(DemoNetwork.REGULATOR).when().get("/api/credits/" + ref).then().statusCode(404);
    }

    @Test
    void aTokenClaimingBankForANonBankIsNotABank() {
        String token = DevTokens.mint(TestNetwork.get().tokenIssuerPrivateKeyFile(), DemoNetwork.APPLICANT, List.of("BANK", "APPLICANT"),
                Duration.ofMinutes(5));
        String ref = DemoCredits.newReference();
        SignedInstruction issuance = DemoCredits.issuance(DemoCredits.machinery(ref), TestNetwork.key(DemoNetwork.ISSUING_BANK));
        RestAssured.given().header("Authorization", "Bearer " + token).contentType("application/json").body(Json.write(issuance))
                .when().post("/api/credits").then().statusCode(403).body("type", equalTo("urn:tradenet:problem:role-not-allowed"));
    }

    @ParameterizedTest(name = "{0} finds the credit in its list")
    @ValueSource(strings = {DemoNetwork.ISSUING_BANK, DemoNetwork.ADVISING_BANK, DemoNetwork.APPLICANT, DemoNetwork.BENEFICIARY, DemoNetwork.REGULATOR})
    void theCreditListShowsACreditToItsPartiesAndRegulators(String party) {
        as(party).when().get("/api/credits?limit=200").then().statusCode(200).body("reference", hasItem(reference));
    }

    @Test
    void theCreditListNeverShowsACreditToAPartyNotNamedInIt() {
        as(DemoNetwork.CARRIER).when().get("/api/credits?limit=200").then().statusCode(200).body("reference", not(hasItem(reference)));
        as(DemoNetwork.CARRIER).when().get("/api/shipments").then().statusCode(200);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"status=SETTLED", "limit=0", "limit=201", "limit=-5"})
    void aCreditListWithAnUnknownStatusOrALimitOutOfRangeIsRefusedWith400(String query) {
        as(DemoNetwork.ISSUING_BANK).when().get("/api/credits?" + query).then().statusCode(400)
                .contentType(startsWith("application/problem+json"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"limit=0", "limit=201"})
    void aShipmentListWithALimitOutOfRangeIsRefusedWith400(String query) {
        as(DemoNetwork.CARRIER).when().get("/api/shipments?" + query).then().statusCode(400).contentType(startsWith("application/problem+json"));
    }

    @ParameterizedTest(name = "{0} reads the credit")
    @ValueSource(strings = {DemoNetwork.ISSUING_BANK, DemoNetwork.ADVISING_BANK, DemoNetwork.APPLICANT, DemoNetwork.BENEFICIARY, DemoNetwork.REGULATOR})
    void theCreditsPartiesAndRegulatorsReadIt(String party) {
        as(party).when().get("/api/credits/" + reference).then().statusCode(200).body("reference", equalTo(reference));
    }

    @ParameterizedTest(name = "{0} is told it does not exist")
    @ValueSource(strings = {DemoNetwork.CARRIER, "aroma-foods", "tfbk-beijing"})
    void anyoneElseIsToldTheCreditDoesNotExist(String party) {
        as(party).when().get("/api/credits/" + reference).then().statusCode(404).body("type", equalTo("urn:tradenet:problem:not-found"));
    }
}
