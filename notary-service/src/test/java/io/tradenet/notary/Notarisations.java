package io.tradenet.notary;


import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.restassured.response.ValidatableResponse;
import io.tradenet.contract.json.Json;
import io.tradenet.contract.notary.NotarisationRequest;
import io.tradenet.contract.party.DemoNetwork;
import io.tradenet.contract.tx.StateRef;
import io.tradenet.contract.tx.TimeWindow;
import io.tradenet.contract.tx.TransactionBuilder;
import io.tradenet.contract.tx.WireTransaction;
import io.tradenet.testkit.TestNetwork;

import java.util.List;

import static io.tradenet.testkit.Api.as;
import static io.restassured.RestAssured.given;

/** Builds signed transactions for the notary tests ("Mother" style) and posts them. */
final class Notarisations {

    static final String BANK = DemoNetwork.ISSUING_BANK;

    private Notarisations() {
    }

    static TransactionBuilder builder() {
        return TransactionBuilder.forNotary(DemoNetwork.NOTARY);
    }

    static WireTransaction move(List<StateRef> inputs, List<StateRef> references) {
        return builder().consume(inputs).reference(references)
                .output("Token", List.of(BANK), JsonNodeFactory.instance.objectNode().put("owner", BANK))
                .signedBy(TestNetwork.key(BANK), "Move", null);
    }

    static WireTransaction move(List<StateRef> inputs, List<StateRef> references, TimeWindow window) {
        return builder().consume(inputs).reference(references).timeWindow(window)
                .output("Token", List.of(BANK), JsonNodeFactory.instance.objectNode().put("owner", BANK))
                .signedBy(TestNetwork.key(BANK), "Move", null);
    }

    /** A new state that exists: issued and notarised. */
    static StateRef issuedState() {
        WireTransaction issue = move(List.of(), List.of());
        post(issue, BANK).statusCode(200);
        return issue.outputRef(0);
    }

    /** Posts the request as the requester itself (its bearer token). */
    static ValidatableResponse post(WireTransaction tx, String requester) {
        return post(Json.write(NotarisationRequest.of(tx, requester)), requester);
    }

    static ValidatableResponse post(String body) {
        return post(body, BANK);
    }

    static ValidatableResponse post(String body, String caller) {
        return as(caller).contentType("application/json").body(body).when().post("/api/notarisations").then();
    }
}
