package io.tradenet.lc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tradenet.contract.json.Json;
import io.tradenet.contract.party.DemoNetwork;
import io.tradenet.contract.trade.Actions;
import io.tradenet.contract.trade.Amendment;
import io.tradenet.contract.trade.CreditTerms;
import io.tradenet.contract.tx.SignedInstruction;
import io.tradenet.deploy.demo.DemoCredits;
import io.tradenet.lc.credit.CreditStatus;
import io.tradenet.lc.credit.CreditStore;
import io.tradenet.lc.credit.CreditView;
import io.tradenet.lc.swift.Mt707;
import io.tradenet.testkit.KafkaResource;
import io.tradenet.testkit.NetworkResource;
import io.tradenet.testkit.PostgresResource;
import io.tradenet.testkit.TestNetwork;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import static io.tradenet.testkit.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * A credit's amendment read as an MT707 by the credit's readers. No notary runs in this service's own tests, so
 * the notarised steps (the issue, then the amendment) are recorded through the store as the service records a
 * notary's success: the state the service would hold with amendment 1 pending.
 */
@QuarkusTest
@WithTestResource(value = NetworkResource.class, initArgs = @ResourceArg(name = "party", value = "lc-gateway"))
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class CreditMt707Test {

    private static final Amendment AMENDMENT = new Amendment(1, LocalDate.now(ZoneOffset.UTC).plusDays(120), "HAMBURG", "125000.00", null,
            null, List.of("1 SET SPARE PARTS KIT FOR MODEL NM-5X EUR 125000"), List.of(), List.of(),
            List.of(), List.of("PACKING LIST IN 2 COPIES"), List.of(), null, null,
            List.of("ALL DOCUMENTS MUST BEAR THIS CREDIT NUMBER AND BE ISSUED IN ENGLISH, EXCEPT THE CERTIFICATE OF ORIGIN"));

    @Inject
    CreditStore store;

    private static String pendingIssue() {
        String reference = DemoCredits.newReference();
        SignedInstruction issuance = DemoCredits.issuance(DemoCredits.machinery(reference), TestNetwork.key(DemoNetwork.ISSUING_BANK));
        as(DemoNetwork.ISSUING_BANK).contentType("application/json").body(Json.write(issuance)).when().post("/api/credits")
                .then().statusCode(anyOf(equalTo(201), equalTo(202)));
        return reference;
    }

    /** Records a notarised step as CreditService does on the notary's success: the next version, its state and its history row. */
    private void notarised(String reference, String action, Consumer<ObjectNode> change) throws SQLException {
        try (Connection c = store.connection()) {
            c.setAutoCommit(false);
            CreditView current = store.find(c, reference).orElseThrow();
            ObjectNode next = ((ObjectNode) current.state()).deepCopy();
            int version = current.version() + 1;
            next.put("status", CreditStatus.ISSUED.name()).put("version", version);
            change.accept(next);
            String txId = UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
            assertThat(store.advance(c, reference, current.version(), CreditStatus.ISSUED, version, txId + ":0", txId, Json.write(next))).isTrue();
            store.recordHistory(c, reference, version, action, CreditStatus.ISSUED, txId, txId + ":0", DemoNetwork.ISSUING_BANK);
            c.commit();
        }
    }

    private String withAmendmentOnePending() throws SQLException {
        String reference = pendingIssue();
        notarised(reference, Actions.ISSUE_CREDIT, state -> { });
        notarised(reference, Actions.AMEND_CREDIT, state -> state.set("pendingAmendment", Json.tree(AMENDMENT)));
        return reference;
    }

    private static String shared;

    /** One credit with amendment 1 pending, shared by the tests that only read it. */
    private synchronized String amendedCredit() throws SQLException {
        if (shared == null) {
            shared = withAmendmentOnePending();
        }
        return shared;
    }

    private static int version(String reference) {
        return as(DemoNetwork.REGULATOR).when().get("/api/credits/" + reference).then().statusCode(200).extract().path("version");
    }

    @ParameterizedTest(name = "{0} reads it")
    @ValueSource(strings = {DemoNetwork.ISSUING_BANK, DemoNetwork.ADVISING_BANK, DemoNetwork.APPLICANT, DemoNetwork.BENEFICIARY, DemoNetwork.REGULATOR})
    void thePendingAmendmentExportsAsAnMt707ThatImportsAsTheSameAmendment(String reader) throws SQLException {
        String reference = amendedCredit();
        String fin = as(reader).when().get("/api/credits/" + reference + "/amendments/1/mt707").then().statusCode(200)
                .contentType(startsWith("text/plain")).extract().asString();
        assertThat(Mt707.read(fin, reference, "EUR")).isEqualTo(AMENDMENT);
        CreditTerms terms = DemoCredits.machinery(reference);
        assertThat(fin).contains("{2:I707TFBKDEHH").contains(":20:" + reference).contains(":23:" + reference).contains(":26E:01")
                .contains(":31C:" + terms.issueDate().format(java.time.format.DateTimeFormatter.ofPattern("yyMMdd")))
                .contains(":30:" + LocalDate.now(ZoneOffset.UTC).format(java.time.format.DateTimeFormatter.ofPattern("yyMMdd")))
                .contains(":22A:ISSU").contains(":47B:/REPALL/");
    }

    @ParameterizedTest(name = "{0} is told it does not exist")
    @ValueSource(strings = {DemoNetwork.CARRIER, "aroma-foods"})
    void aPartyNotNamedInTheCreditIsToldTheAmendmentDoesNotExist(String party) throws SQLException {
        String reference = amendedCredit();
        as(party).when().get("/api/credits/" + reference + "/amendments/1/mt707").then().statusCode(404)
                .contentType(startsWith("application/problem+json")).body("type", equalTo("urn:tradenet:problem:not-found"));
        assertThat(version(reference)).isEqualTo(2);
    }

    @Test
    void anAmendmentTheCreditDoesNotHoldIs404() throws SQLException {
        String reference = amendedCredit();
        as(DemoNetwork.BENEFICIARY).when().get("/api/credits/" + reference + "/amendments/2/mt707").then().statusCode(404)
                .body("type", equalTo("urn:tradenet:problem:not-found")).body("detail", containsString("no amendment 2"));
        String unissued = pendingIssue();
        as(DemoNetwork.ISSUING_BANK).when().get("/api/credits/" + unissued + "/amendments/1/mt707").then().statusCode(404)
                .body("type", equalTo("urn:tradenet:problem:not-found"));
        as(DemoNetwork.ISSUING_BANK).when().get("/api/credits/LCNOSUCHCREDIT/amendments/1/mt707").then().statusCode(404);
        assertThat(version(reference)).isEqualTo(2);
    }

    @Test
    void anAnsweredAmendmentStillExportsFromTheTextTheCreditKeeps() throws SQLException {
        String reference = withAmendmentOnePending();
        // as Lifecycle records a rejection: the pending amendment moves to answeredAmendments
        notarised(reference, Actions.REJECT_AMENDMENT, state -> {
            state.withArray("answeredAmendments").add(state.get("pendingAmendment").deepCopy());
            state.putNull("pendingAmendment");
            state.put("amendments", 1);
            state.withArray("rejectedAmendments").add(1);
        });
        String fin = as(DemoNetwork.APPLICANT).when().get("/api/credits/" + reference + "/amendments/1/mt707").then().statusCode(200)
                .extract().asString();
        assertThat(Mt707.read(fin, reference, "EUR")).isEqualTo(AMENDMENT);
        assertThat(version(reference)).isEqualTo(3);
    }

    @Test
    void anAmendmentAnsweredBeforeTheCreditKeptAnsweredTextsIs404SayingSo() throws SQLException {
        String reference = withAmendmentOnePending();
        notarised(reference, Actions.REJECT_AMENDMENT, state -> {
            state.putNull("pendingAmendment");
            state.put("amendments", 1);
            state.withArray("rejectedAmendments").add(1);
        });
        as(DemoNetwork.ISSUING_BANK).when().get("/api/credits/" + reference + "/amendments/1/mt707").then().statusCode(404)
                .body("type", equalTo("urn:tradenet:problem:not-found")).body("detail", containsString("was answered before"));
        assertThat(version(reference)).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"one", "-1", "1000", "1.0", "%20"})
    void anAmendmentNumberThatIsNotOneToThreeDigitsIs400(String number) throws SQLException {
        String reference = amendedCredit();
        as(DemoNetwork.ISSUING_BANK).urlEncodingEnabled(false).when().get("/api/credits/" + reference + "/amendments/" + number + "/mt707")
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("type", equalTo("urn:tradenet:problem:bad-amendment-number"));
        assertThat(version(reference)).isEqualTo(2);
    }
}
