package io.tradenet.notary;


import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.tradenet.contract.crypto.Hashing;
import io.tradenet.contract.json.Json;
import io.tradenet.contract.notary.NotarisationOutcome;
import io.tradenet.contract.notary.NotarisationRequest;
import io.tradenet.contract.notary.NotarySignatures;
import io.tradenet.contract.notary.StateConflict;
import io.tradenet.contract.party.DemoNetwork;
import io.tradenet.contract.tx.SignedInstruction;
import io.tradenet.contract.tx.StateRef;
import io.tradenet.contract.tx.TimeWindow;
import io.tradenet.contract.tx.WireTransaction;
import io.tradenet.testkit.KafkaResource;
import io.tradenet.testkit.NetworkResource;
import io.tradenet.testkit.PostgresResource;
import io.tradenet.testkit.TestNetwork;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.tradenet.testkit.Api.as;
import static io.restassured.RestAssured.given;
import static io.tradenet.notary.Notarisations.BANK;
import static io.tradenet.notary.Notarisations.issuedState;
import static io.tradenet.notary.Notarisations.move;
import static io.tradenet.notary.Notarisations.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

/** The notary's rules (BRIEF section 3, "The notary, precisely"), one test per rule, over REST. */
@QuarkusTest
@WithTestResource(value = NetworkResource.class, initArgs = @ResourceArg(name = "party", value = "notary"))
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class NotaryRulesTest {

    @Test
    void successCarriesANotarySignatureThatVerifiesAgainstTheRegistry() {
        WireTransaction tx = move(List.of(issuedState()), List.of());
        NotarisationOutcome.Success success = Json.read(post(tx, BANK).statusCode(200).extract().asString(),
                NotarisationOutcome.Success.class);
        assertThat(success.txId()).isEqualTo(tx.id());
        NotarySignatures.verify(tx.id(), success.signature(), TestNetwork.registry());
    }

    @Test
    void allInputsAreCommittedAtomicallyOrNone() {
        StateRef spent = issuedState();
        StateRef free = issuedState();
        post(move(List.of(spent), List.of()), BANK).statusCode(200);

        post(move(List.of(free, spent), List.of()), BANK).statusCode(409);

        // nothing of the refused transaction was consumed: 'free' is still free
        as(BANK).when().get("/api/spent-states/" + free).then().statusCode(404);
        post(move(List.of(free), List.of()), BANK).statusCode(200);
    }

    @Test
    void aConflictNamesEachConflictingStateItsKindAndAHashOfTheConsumingTransaction() {
        StateRef a = issuedState();
        StateRef b = issuedState();
        WireTransaction first = move(List.of(a, b), List.of());
        post(first, BANK).statusCode(200);

        ExtractableResponse<Response> conflict = post(move(List.of(a, b), List.of()), BANK)
                .statusCode(409).contentType(startsWith("application/problem+json"))
                .body("type", equalTo("urn:tradenet:problem:notary-conflict"))
                .body("conflicts", hasSize(2)).extract();
        String expectedHash = StateConflict.hashOfTxId(first.id());
        assertThat(conflict.jsonPath().getList("conflicts.consumingTxHash")).containsOnly(expectedHash);
        assertThat(conflict.jsonPath().getList("conflicts.kind")).containsOnly("INPUT");
        assertThat(conflict.jsonPath().getList("conflicts.stateRef")).containsExactlyInAnyOrder(a.toString(), b.toString());
        assertThat(conflict.asString()).doesNotContain(first.id());
    }

    @Test
    void referenceStatesAreCheckedForConflictsButNeverConsumed() {
        StateRef reference = issuedState();
        post(move(List.of(issuedState()), List.of(reference)), BANK).statusCode(200);
        post(move(List.of(issuedState()), List.of(reference)), BANK).statusCode(200);
        as(BANK).when().get("/api/spent-states/" + reference).then().statusCode(404);

        post(move(List.of(reference), List.of()), BANK).statusCode(200);
        post(move(List.of(issuedState()), List.of(reference)), BANK).statusCode(409)
                .body("conflicts[0].kind", equalTo("REFERENCE"))
                .body("conflicts[0].stateRef", equalTo(reference.toString()));
    }

    @Test
    void theTimeWindowIsFromInclusiveUntilExclusiveAgainstTheNotaryClockAndTheErrorCarriesTheNotaryTime() {
        Instant now = Instant.now();
        TimeWindow past = TimeWindow.between(now.minusSeconds(120), now.minusSeconds(60));
        ExtractableResponse<Response> refused = post(move(List.of(issuedState()), List.of(), past), BANK)
                .statusCode(422).body("type", equalTo("urn:tradenet:problem:time-window-invalid")).extract();
        Instant notaryTime = Instant.parse(refused.jsonPath().getString("notaryTime"));
        assertThat(notaryTime).isAfterOrEqualTo(past.until());

        TimeWindow future = TimeWindow.between(now.plusSeconds(600), null);
        post(move(List.of(issuedState()), List.of(), future), BANK).statusCode(422)
                .body("type", equalTo("urn:tradenet:problem:time-window-invalid"));

        TimeWindow open = TimeWindow.between(now.minusSeconds(5), now.plusSeconds(600));
        post(move(List.of(issuedState()), List.of(), open), BANK).statusCode(200);
    }

    @Test
    void aRetryGetsTheSameSuccessfulAnswerEvenAfterTheTimeWindowHasClosed() throws InterruptedException {
        StateRef state = issuedState();
        TimeWindow shortWindow = TimeWindow.between(Instant.now().minusSeconds(5), Instant.now().plusMillis(3000));
        WireTransaction tx = move(List.of(state), List.of(), shortWindow);
        String first = post(tx, BANK).statusCode(200).extract().asString();
        Thread.sleep(Duration.between(Instant.now(), shortWindow.until()).toMillis() + 200);
        assertThat(Instant.now()).isAfter(shortWindow.until());
        String again = post(tx, BANK).statusCode(200).extract().asString();
        assertThat(Json.parse(again)).isEqualTo(Json.parse(first));
    }

    @Test
    void rejectionsAreRecordedSoARetryGetsTheSameRejection() throws InterruptedException {
        StateRef state = issuedState();
        Instant opensSoon = Instant.now().plusMillis(3000);
        WireTransaction early = move(List.of(state), List.of(), TimeWindow.between(opensSoon, opensSoon.plusSeconds(600)));
        String first = post(early, BANK).statusCode(422).extract().asString();
        Thread.sleep(Duration.between(Instant.now(), opensSoon).toMillis() + 200);
        String again = post(early, BANK).statusCode(422).extract().asString();
        assertThat(Json.parse(again).get("notaryTime")).isEqualTo(Json.parse(first).get("notaryTime"));

        as(BANK).when().get("/api/notarisations/" + early.id()).then().statusCode(200)
                .body("outcome", equalTo("TIME_WINDOW_INVALID"));
    }

    @Test
    void theRequesterMustHaveSignedTheRequestOtherwiseRequestSignatureInvalidAndNothingIsConsumed() {
        StateRef state = issuedState();
        WireTransaction tx = move(List.of(state), List.of());
        post(tx, DemoNetwork.APPLICANT).statusCode(422)
                .body("type", equalTo("urn:tradenet:problem:request-signature-invalid"));

        SignedInstruction genuine = tx.commands().get(0);
        SignedInstruction forged = new SignedInstruction(genuine.instruction(), Hashing.b64(new byte[64]));
        WireTransaction forgedTx = new WireTransaction(tx.notary(), tx.inputs(), tx.references(), tx.outputs(),
                List.of(forged), tx.timeWindow());
        post(forgedTx, BANK).statusCode(422).body("type", equalTo("urn:tradenet:problem:request-signature-invalid"));

        as(BANK).when().get("/api/spent-states/" + state).then().statusCode(404);
        post(tx, BANK).statusCode(200);
    }

    @Test
    void theSpentStateAuditTellsWhichTransactionConsumedAStateWhoAskedAndWhenWithTheRequestSignature() {
        StateRef state = issuedState();
        WireTransaction tx = move(List.of(state), List.of());
        post(tx, BANK).statusCode(200);

        ExtractableResponse<Response> audit = as(BANK).when().get("/api/spent-states/" + state).then().statusCode(200)
                .body("consumingTxId", equalTo(tx.id()))
                .body("requester", equalTo(BANK))
                .extract();
        SignedInstruction kept = new SignedInstruction(Json.tree(audit.jsonPath().getMap("requesterInstruction")),
                audit.jsonPath().getString("requestSignature"));
        assertThat(TestNetwork.registry().verify(BANK, kept.signedBytes(), kept.signature())).isTrue();
        assertThat(kept.parsed().consumes()).containsExactly(state);
        assertThat(Instant.parse(audit.jsonPath().getString("notarisedAt"))).isBefore(Instant.now().plusSeconds(1));
    }

    @Test
    void aTransactionNamingAnotherNotaryOrBrokenIsTransactionInvalidAndRecorded() {
        StateRef state = issuedState();
        WireTransaction tx = move(List.of(state, state), List.of());
        post(tx, BANK).statusCode(422).body("type", equalTo("urn:tradenet:problem:transaction-invalid"));
        as(BANK).when().get("/api/notarisations/" + tx.id()).then().statusCode(200).body("outcome", equalTo("TRANSACTION_INVALID"));
        as(BANK).when().get("/api/spent-states/" + state).then().statusCode(404);
    }

    @Test
    void aTransactionWithALoneSurrogateHasNoCanonicalFormSoItIsTransactionInvalidAndConsumesNothing() {
        StateRef state = issuedState();
        String request = Json.write(NotarisationRequest.of(move(List.of(state), List.of()), BANK));
        assertThat(request).contains("\"Token\"");
        // a lone high surrogate (U+D800) has no RFC 8785 form: UTF-8 cannot carry it, and the type would hash like "Tok?en"
        post(request.replace("\"Token\"", "\"Tok\\ud800en\"")).statusCode(422)
                .body("type", equalTo("urn:tradenet:problem:transaction-invalid"));
        as(BANK).when().get("/api/spent-states/" + state).then().statusCode(404);
    }

    @Test
    void malformedJsonIsRefusedWithAProblemDocumentAndChangesNothing() {
        post("{\"transaction\": {").statusCode(400).contentType(startsWith("application/problem+json"))
                .body("type", equalTo("urn:tradenet:problem:malformed-document"));
        post("[1,2,3]").statusCode(400);
        post(Json.write(NotarisationRequest.of(move(List.of(), List.of()), BANK)).replace("\"requester\"", "\"requester\":1,\"x\""))
                .statusCode(400);
        as(BANK).contentType("text/plain").body("hello").when().post("/api/notarisations").then().statusCode(415);
    }

    @Test
    void unknownTransactionsAndStatesAreNotFound() {
        as(BANK).when().get("/api/notarisations/" + "0".repeat(64)).then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
        as(BANK).when().get("/api/spent-states/not-a-ref").then().statusCode(400);
    }
}
