package io.tradenet.contract.notary;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradenet.contract.json.Json;

import java.time.Instant;
import java.util.List;

/**
 * The notary's signature on one transaction: the signed batch header, the Ed25519 signature over it,
 * and the inclusion proof of this transaction's leaf ({@code leafIndex}, base64 {@code proof}) in the
 * batch tree. Verified by {@link NotarySignatures#verify}.
 */
public record NotarySignature(
        String notary,
        String batchRoot,
        long batchSize,
        Instant notarisedAt,
        long leafIndex,
        List<String> proof,
        String signature) {

    public NotarySignature {
        proof = List.copyOf(proof);
    }

    /**
     * The JSON form, equal to {@code Json.tree(this)} (the time as ISO-8601 text, null properties left out), built field by field: the
     * ledger makes one for every entry it appends, and the mapper's round trip through a token buffer
     * cost it about a twentieth of its CPU.
     */
    public ObjectNode toJson() {
        ObjectNode json = Json.mapper().createObjectNode();
        putIfPresent(json, "notary", notary);
        putIfPresent(json, "batchRoot", batchRoot);
        json.put("batchSize", batchSize);
        putIfPresent(json, "notarisedAt", notarisedAt == null ? null : notarisedAt.toString());
        json.put("leafIndex", leafIndex);
        ArrayNode path = json.putArray("proof");
        proof.forEach(path::add);
        putIfPresent(json, "signature", signature);
        return json;
    }

    /** As the mapper writes records: a null property is left out. */
    private static void putIfPresent(ObjectNode json, String name, String value) {
        if (value != null) {
            json.put(name, value);
        }
    }

    public BatchHeader header() {
        return new BatchHeader(notary, batchRoot, batchSize, notarisedAt);
    }
}
