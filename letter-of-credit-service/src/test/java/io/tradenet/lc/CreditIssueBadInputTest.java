package io.tradenet.lc;


import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tradenet.contract.crypto.Hashing;
import io.tradenet.contract.envelope.EnvelopeHeaders;
import io.tradenet.contract.envelope.Envelopes;
import io.tradenet.contract.json.Json;
import io.tradenet.contract.messaging.Topics;
import io.tradenet.contract.notary.NotarisationOutcome;
import io.tradenet.contract.notary.OutcomeBatch;
import io.tradenet.contract.party.DemoNetwork;
import io.tradenet.contract.trade.CreditTerms;
import io.tradenet.contract.tx.SignedInstruction;
import io.tradenet.deploy.demo.DemoCredits;
import io.tradenet.testkit.KafkaResource;
import io.tradenet.testkit.KafkaTestClient;
import io.tradenet.testkit.NetworkResource;
import io.tradenet.testkit.PostgresResource;
import io.tradenet.testkit.SharedKafka;
import io.tradenet.testkit.TestNetwork;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static io.tradenet.testkit.Api.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/** Bad submissions get a problem document and change nothing; a poison reply does not stop the consumer. */
@QuarkusTest
@WithTestResource(value = NetworkResource.class, initArgs = @ResourceArg(name = "party", value = "lc-gateway"))
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class CreditIssueBadInputTest {

    private static String post(String body, int status, String type) {
        return post(DemoNetwork.ISSUING_BANK, body, status, type);
    }

    private static String post(String caller, String body, int status, String type) {
        as(caller).contentType("application/json").body(body).when().post("/api/credits").then()
                .statusCode(status).contentType(startsWith("application/problem+json"))
                .body("type", equalTo("urn:tradenet:problem:" + type));
        return body;
    }

    private static void nothingStored(String reference) {
        as(DemoNetwork.ISSUING_BANK).when().get("/api/credits/" + reference).then().statusCode(404);
    }

    @Test
    void anUnsignedIssuanceIsRefusedAndNothingIsStored() {
        String reference = DemoCredits.newReference();
        SignedInstruction signed = DemoCredits.issuance(DemoCredits.machinery(reference), TestNetwork.key(DemoNetwork.ISSUING_BANK));
        ObjectNode unsigned = Json.mapper().createObjectNode();
        unsigned.set("instruction", signed.instruction());
        unsigned.put("signature", "");
        post(unsigned.toString(), 400, "signature-missing");
        unsigned.remove("signature");
        post(unsigned.toString(), 400, "malformed-document");
        nothingStored(reference);
    }

    @Test
    void aWronglySignedIssuanceIsRefusedAndNothingIsStored() {
        String reference = DemoCredits.newReference();
        SignedInstruction signed = DemoCredits.issuance(DemoCredits.machinery(reference), TestNetwork.key(DemoNetwork.ISSUING_BANK));
        post(Json.write(new SignedInstruction(signed.instruction(), Hashing.b64(new byte[64]))), 403, "signature-invalid");
        // signed by another party's key while claiming to be the bank
        SignedInstruction byApplicantKey = new SignedInstruction(signed.instruction(),
                TestNetwork.key(DemoNetwork.APPLICANT).signB64(signed.signedBytes()));
        post(Json.write(byApplicantKey), 403, "signature-invalid");
        // a tampered amount under the genuine signature
        ObjectNode tampered = signed.instruction().deepCopy();
        ((ObjectNode) tampered.get("body").get("credit")).put("amount", "9999999.00");
        post(Json.write(new SignedInstruction(tampered, signed.signature())), 403, "signature-invalid");
        nothingStored(reference);
    }

    @Test
    void onlyABankThatIsTheCreditsIssuingBankMayIssueIt() {
        String reference = DemoCredits.newReference();
        post(DemoNetwork.APPLICANT, Json.write(DemoCredits.issuance(DemoCredits.machinery(reference), TestNetwork.key(DemoNetwork.APPLICANT))),
                403, "role-not-allowed");
        post(DemoNetwork.ADVISING_BANK, Json.write(DemoCredits.issuance(DemoCredits.machinery(reference), TestNetwork.key(DemoNetwork.ADVISING_BANK))),
                403, "wrong-party");
        nothingStored(reference);
    }

    @Test
    void invalidTermsAreRefusedNamingEachMt700Field() {
        String reference = DemoCredits.newReference();
        CreditTerms good = DemoCredits.machinery(reference);
        CreditTerms bad = new CreditTerms(good.reference(), good.formOfCredit(), good.issueDate(), good.applicableRules(),
                good.issueDate().minusDays(1), good.expiryPlace(), good.applicant(), good.beneficiary(), good.issuingBank(),
                good.advisingBank(), "euro", "-5", good.tolerancePlus(), good.toleranceMinus(), good.availableWith(), "BY MAGIC",
                good.draftsAt(), good.applicant(), good.deferredPaymentDetails(), good.partialShipments(), good.transhipment(),
                good.placeOfReceipt(), good.portOfLoading(), good.portOfDischarge(), good.finalDestination(), good.latestShipmentDate(),
                good.goods(), good.documentsRequired(), good.additionalConditions(), good.charges(), good.presentationPeriodDays(),
                good.confirmationInstructions(), good.requestedConfirmationParty(), good.instructionsToBank());
        as(DemoNetwork.ISSUING_BANK).contentType("application/json").body(Json.write(DemoCredits.issuance(bad, TestNetwork.key(DemoNetwork.ISSUING_BANK))))
                .when().post("/api/credits").then().statusCode(422)
                .body("type", equalTo("urn:tradenet:problem:invalid-credit"))
                .body("errors.field", hasItem("31D")).body("errors.field", hasItem("32B"))
                .body("errors.field", hasItem("41a")).body("errors.field", hasItem("42a"));
        nothingStored(reference);
    }

    @Test
    void malformedJsonIsRefused() {
        post("{\"instruction\":", 400, "malformed-document");
        post("\"just a string\"", 400, "malformed-document");
        as(DemoNetwork.ISSUING_BANK).contentType("text/plain").body("x").when().post("/api/credits").then().statusCode(415)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void aPoisonRecordOnTheRepliesTopicGoesToItsDeadLetterTopicAndTheConsumerGoesOn() {
        String bootstrap = SharedKafka.get().bootstrapServers();
        String poison = "garbage-" + System.nanoTime();
        KafkaTestClient.send(bootstrap, Topics.NOTARY_REPLIES, "poison", poison);
        // a reply signed by someone who is not the notary
        var forged = Envelopes.seal(Topics.TYPE_NOTARISATION_OUTCOMES, null, new OutcomeBatch(List.of(new OutcomeBatch.Answer("x",
                new NotarisationOutcome.General("0".repeat(64), "forged", 1)))), TestNetwork.key(DemoNetwork.ISSUING_BANK));
        KafkaTestClient.send(bootstrap, Topics.NOTARY_REPLIES, "forged", forged);
        List<ConsumerRecord<String, String>> dead = KafkaTestClient.readUntil(bootstrap, Topics.NOTARY_REPLIES_DLQ,
                r -> "forged".equals(r.key()), Duration.ofSeconds(60));
        assertThat(dead).anySatisfy(r -> {
            assertThat(r.value()).isEqualTo(poison);
            assertThat(new String(r.headers().lastHeader(EnvelopeHeaders.DEAD_LETTER_REASON).value(), StandardCharsets.UTF_8))
                    .contains("unsigned record");
        });
        given().when().get("/q/health/ready").then().statusCode(200);
    }
}
