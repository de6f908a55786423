package io.tradenet.contract.notary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradenet.contract.json.Json;
import io.tradenet.contract.party.PartyRegistry;
import io.tradenet.contract.tx.WireTransaction;

import java.util.Objects;

/**
 * A transaction the notary committed, exactly as requested, with the notary's signature: the record
 * the ledger appends. {@code sequence} is the transaction's position in the notary's commit order
 * (0, 1, 2, ... without gaps), so the ledger can append in commit order and prove it missed nothing.
 */
public record NotarisedTransaction(String txId, long sequence, JsonNode transaction, String requester,
                                   NotarySignature notarySignature) {

    public NotarisedTransaction {
        Objects.requireNonNull(txId, "txId");
        if (sequence < 0) {
            throw new IllegalArgumentException("negative sequence");
        }
        Objects.requireNonNull(transaction, "transaction");
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(notarySignature, "notarySignature");
    }

    /**
     * The JSON form, equal to {@code Json.tree(this)} but holding {@link #transaction()} itself rather than a
     * copy of it (the ledger canonicalises the transaction once and finds it again by identity).
     */
    public ObjectNode toJson() {
        ObjectNode json = Json.mapper().createObjectNode();
        json.put("txId", txId);
        json.put("sequence", sequence);
        json.set("transaction", transaction);
        json.put("requester", requester);
        json.set("notarySignature", notarySignature.toJson());
        return json;
    }

    public WireTransaction parsedTransaction() {
        return Json.bind(transaction, WireTransaction.class);
    }

    /** Checks that the id is the transaction's id and that a registered notary signed it. */
    public void verify(PartyRegistry registry) {
        String computed = WireTransaction.idOf(transaction);
        if (!computed.equals(txId)) {
            throw new InvalidNotarySignatureException("txId " + txId + " is not the id of the transaction (" + computed + ")");
        }
        NotarySignatures.verify(txId, notarySignature, registry);
    }
}
