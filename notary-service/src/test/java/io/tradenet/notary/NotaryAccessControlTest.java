package io.tradenet.notary;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.tradenet.contract.json.Json;
import io.tradenet.contract.notary.NotarisationRequest;
import io.tradenet.contract.party.DemoNetwork;
import io.tradenet.contract.tx.StateRef;
import io.tradenet.contract.tx.WireTransaction;
import io.tradenet.deploy.auth.DevTokens;
import io.tradenet.testkit.BadTokens;
import io.tradenet.testkit.KafkaResource;
import io.tradenet.testkit.NetworkResource;
import io.tradenet.testkit.OpenApiGuard;
import io.tradenet.testkit.PostgresResource;
import io.tradenet.testkit.TestNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static io.tradenet.notary.Notarisations.BANK;
import static io.tradenet.notary.Notarisations.issuedState;
import static io.tradenet.notary.Notarisations.move;
import static io.tradenet.notary.Notarisations.post;
import static io.tradenet.testkit.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * Who may use the notary (BRIEF section 7): a registered party's bearer token on every endpoint but
 * /q/*, the requester of a notarisation is the caller, and answers and spent-state audits are read by
 * the requester or a regulator only. Every refusal changes nothing.
 */
@QuarkusTest
@WithTestResource(value = NetworkResource.class, initArgs = @ResourceArg(name = "party", value = "notary"))
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class NotaryAccessControlTest {

    private static final String OTHER_BANK = DemoNetwork.ADVISING_BANK;

    @Test
    void everyOperationInTheOpenApiDocumentShowsAnExampleOfItsRequestAndAnswer() {
        OpenApiGuard.assertEveryOperationHasExamples();
    }

    @Test
    void everyOperationInTheOpenApiDocumentRefusesAnAnonymousCallerWith401() {
        OpenApiGuard.assertEveryOperationRefusesAnonymousCallers(Set.of(), "/api/notarisations", "/api/spent-states/{stateRef}");
    }

    static Stream<Arguments> badTokens() {
        return BadTokens.all().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void aNotarisationWithAnInvalidTokenIsRefusedWith401AndNotRecorded(String flaw, String authorization) {
        WireTransaction tx = move(List.of(), List.of());
        var request = RestAssured.given().contentType("application/json").body(Json.write(NotarisationRequest.of(tx, BANK)));
        if (authorization != null) {
            request = request.header("Authorization", authorization);
        }
        request.when().post("/api/notarisations").then().statusCode(401)
                .contentType(startsWith("application/problem+json"))
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("type", equalTo("urn:tradenet:problem:unauthenticated"));
        as(DemoNetwork.REGULATOR).when().get("/api/notarisations/" + tx.id()).then().statusCode(404);
    }

    @Test
    void theRequesterMustBeTheAuthenticatedCaller() {
        StateRef state = issuedState();
        WireTransaction tx = move(List.of(state), List.of());
        post(Json.write(NotarisationRequest.of(tx, BANK)), OTHER_BANK).statusCode(403)
                .body("type", equalTo("urn:tradenet:problem:signer-not-caller"));
        as(DemoNetwork.REGULATOR).when().get("/api/spent-states/" + state).then().statusCode(404);
        as(DemoNetwork.REGULATOR).when().get("/api/notarisations/" + tx.id()).then().statusCode(404);
    }

    @Test
    void aRegulatorMayNotRequestNotarisation() {
        WireTransaction tx = move(List.of(), List.of());
        post(Json.write(NotarisationRequest.of(tx, DemoNetwork.REGULATOR)), DemoNetwork.REGULATOR).statusCode(403)
                .body("type", equalTo("urn:tradenet:problem:role-not-allowed"));
        as(DemoNetwork.REGULATOR).when().get("/api/notarisations/" + tx.id()).then().statusCode(404);
    }

    @Test
    void rolesClaimedInATokenButNotGrantedByTheRegistryAreIgnored() {
        // a correctly signed token for the regulator that claims BANK: the registry grants it only REGULATOR
        String token = DevTokens.mint(TestNetwork.get().tokenIssuerPrivateKeyFile(), DemoNetwork.REGULATOR, List.of("BANK"), Duration.ofMinutes(5));
        WireTransaction tx = move(List.of(), List.of());
        RestAssured.given().header("Authorization", "Bearer " + token).contentType("application/json")
                .body(Json.write(NotarisationRequest.of(tx, DemoNetwork.REGULATOR)))
                .when().post("/api/notarisations").then().statusCode(403).body("type", equalTo("urn:tradenet:problem:role-not-allowed"));
        as(DemoNetwork.REGULATOR).when().get("/api/notarisations/" + tx.id()).then().statusCode(404);
    }

    @Test
    void anAnswerIsReadByItsRequesterAndRegulatorsOnly() {
        WireTransaction tx = move(List.of(), List.of());
        post(tx, BANK).statusCode(200);
        as(BANK).when().get("/api/notarisations/" + tx.id()).then().statusCode(200).body("outcome", equalTo("SUCCESS"));
        as(DemoNetwork.REGULATOR).when().get("/api/notarisations/" + tx.id()).then().statusCode(200);
        as(OTHER_BANK).when().get("/api/notarisations/" + tx.id()).then().statusCode(404)
                .body("type", equalTo("urn:tradenet:problem:not-found"));
        as(DemoNetwork.CARRIER).when().get("/api/notarisations/" + tx.id()).then().statusCode(404);
    }

    @Test
    void theSpentStateAuditIsForTheRequesterOfTheConsumingTransactionAndRegulators() {
        StateRef state = issuedState();
        post(move(List.of(state), List.of()), BANK).statusCode(200);
        as(BANK).when().get("/api/spent-states/" + state).then().statusCode(200).body("requester", equalTo(BANK));
        as(DemoNetwork.REGULATOR).when().get("/api/spent-states/" + state).then().statusCode(200);
        as(OTHER_BANK).when().get("/api/spent-states/" + state).then().statusCode(404);
        as(DemoNetwork.APPLICANT).when().get("/api/spent-states/" + state).then().statusCode(404);
    }

    @Test
    void healthMetricsAndOpenApiArePublic() {
        RestAssured.given().when().get("/q/health/ready").then().statusCode(200);
        RestAssured.given().when().get("/q/metrics").then().statusCode(200);
        RestAssured.given().when().get("/q/openapi").then().statusCode(200);
    }
}
