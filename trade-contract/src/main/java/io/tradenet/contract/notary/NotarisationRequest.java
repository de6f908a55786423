package io.tradenet.contract.notary;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradenet.contract.json.Json;
import io.tradenet.contract.tx.WireTransaction;

import java.util.Objects;

/**
 * Asks the notary to commit a transaction. The transaction travels as the exact JSON tree its id is
 * computed over. The requester's signature over the request is its signed instruction inside the
 * transaction (see {@code TransactionRules.requesterInstruction}).
 */
public record NotarisationRequest(JsonNode transaction, String requester) {

    public NotarisationRequest {
        Objects.requireNonNull(transaction, "transaction");
        Objects.requireNonNull(requester, "requester");
    }

    public static NotarisationRequest of(WireTransaction transaction, String requester) {
        return new NotarisationRequest(Json.tree(transaction), requester);
    }

    public String txId() {
        return WireTransaction.idOf(transaction);
    }

    /** Strict typed view; throws MalformedDocumentException if the tree is not a transaction. */
    public WireTransaction parsedTransaction() {
        return Json.bind(transaction, WireTransaction.class);
    }
}
