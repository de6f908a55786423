package io.tradenet.lc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tradenet.contract.json.Json;
import io.tradenet.contract.party.DemoNetwork;
import io.tradenet.contract.trade.Actions;
import io.tradenet.contract.trade.CreditTerms;
import io.tradenet.contract.tx.Instruction;
import io.tradenet.contract.tx.SignedInstruction;
import io.tradenet.contract.tx.TimeWindow;
import io.tradenet.deploy.demo.DemoCredits;
import io.tradenet.lc.swift.Mt700;
import io.tradenet.lc.swift.Mt700Test;
import io.tradenet.testkit.KafkaResource;
import io.tradenet.testkit.NetworkResource;
import io.tradenet.testkit.PostgresResource;
import io.tradenet.testkit.TestNetwork;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.tradenet.testkit.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/** An issuing bank issues by signing its MT700; the credit is read back as an MT700 that imports to the same terms. */
@QuarkusTest
@WithTestResource(value = NetworkResource.class, initArgs = @ResourceArg(name = "party", value = "lc-gateway"))
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class CreditMt700Test {

    private static String signedMt700(String fin) {
        ObjectNode body = Json.mapper().createObjectNode().put("mt700", fin);
        Instruction instruction = new Instruction(UUID.randomUUID().toString(), Actions.ISSUE_CREDIT, DemoNetwork.ISSUING_BANK, DemoNetwork.NOTARY,
                List.of(), List.of(), TimeWindow.around(Instant.now(), Duration.ofMinutes(10)), body);
        return Json.write(SignedInstruction.sign(instruction, TestNetwork.key(DemoNetwork.ISSUING_BANK)));
    }

    private static String withReference(String fin, String reference) {
        return fin.replace(":20:LC26SH000117", ":20:" + reference);
    }

    @Test
    void aSignedMt700IssuesTheCreditAndTheCreditExportsAsAnMt700WithTheSameTerms() {
        String reference = DemoCredits.newReference();
        String fin = withReference(Mt700Test.sample("lc-machinery-cif-shanghai.mt700.txt"), reference);
        as(DemoNetwork.ISSUING_BANK).contentType("application/json").body(signedMt700(fin)).when().post("/api/credits")
                .then().statusCode(anyOf(equalTo(201), equalTo(202))).body("reference", equalTo(reference));
        CreditTerms stored = Json.bind(Json.tree(as(DemoNetwork.APPLICANT).when().get("/api/credits/" + reference).then().statusCode(200)
                .extract().jsonPath().getMap("state.terms")), CreditTerms.class);
        assertThat(stored).isEqualTo(Mt700.read(fin, TestNetwork.registry()));

        String exported = as(DemoNetwork.BENEFICIARY).when().get("/api/credits/" + reference + "/mt700").then().statusCode(200)
                .contentType(startsWith("text/plain")).extract().asString();
        assertThat(Mt700.read(exported, TestNetwork.registry())).isEqualTo(stored);
        as(DemoNetwork.CARRIER).when().get("/api/credits/" + reference + "/mt700").then().statusCode(404);
    }

    @Test
    void anMt700WithoutField32BIsRefusedNamingTheField() {
        as(DemoNetwork.ISSUING_BANK).contentType("application/json")
                .body(signedMt700(withReference(Mt700Test.sample("bad-missing-mandatory-32B.mt700.txt"), DemoCredits.newReference())))
                .when().post("/api/credits").then().statusCode(422)
                .body("type", equalTo("urn:tradenet:problem:invalid-mt700")).body("errors.field", hasItem("32B"));
    }

    @Test
    void anMt700WithExpiryBeforeIssueIsRefusedOn31D() {
        as(DemoNetwork.ISSUING_BANK).contentType("application/json")
                .body(signedMt700(Mt700Test.sample("bad-expiry-before-issue.mt700.txt")))
                .when().post("/api/credits").then().statusCode(422)
                .body("type", equalTo("urn:tradenet:problem:invalid-credit")).body("errors.field", hasItem("31D"));
    }

    @Test
    void garbageMt700IsRefusedAndTheServiceStaysUp() {
        as(DemoNetwork.ISSUING_BANK).contentType("application/json").body(signedMt700(Mt700Test.sample("bad-garbage.mt700.txt")))
                .when().post("/api/credits").then().statusCode(422).body("type", equalTo("urn:tradenet:problem:invalid-mt700"));
        as(DemoNetwork.ISSUING_BANK).when().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void anMt700ThatIsNotAStringIsMalformed() {
        ObjectNode body = Json.mapper().createObjectNode();
        body.putArray("mt700").add(":20:X");
        Instruction instruction = new Instruction(UUID.randomUUID().toString(), Actions.ISSUE_CREDIT, DemoNetwork.ISSUING_BANK, DemoNetwork.NOTARY,
                List.of(), List.of(), TimeWindow.around(Instant.now(), Duration.ofMinutes(10)), body);
        as(DemoNetwork.ISSUING_BANK).contentType("application/json")
                .body(Json.write(SignedInstruction.sign(instruction, TestNetwork.key(DemoNetwork.ISSUING_BANK))))
                .when().post("/api/credits").then().statusCode(400).body("type", equalTo("urn:tradenet:problem:malformed-instruction"));
    }
}
