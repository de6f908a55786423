package io.tradenet.contract.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradenet.contract.json.CanonicalJson;
import io.tradenet.contract.json.Json;

/**
 * A signed Kafka record. The record value is this document; {@code type}, {@code id} and
 * {@code correlationId} are also copied to Kafka headers ({@link EnvelopeHeaders}) for routing and
 * tracing. The signature covers the RFC 8785 canonical bytes of every field except itself, so headers
 * and payload cannot be swapped between records.
 */
public record Envelope(String type, String id, String correlationId, String signer, JsonNode payload, String signature) {

    public byte[] signedBytes() {
        return signedBytes(type, id, correlationId, signer, payload);
    }

    static byte[] signedBytes(String type, String id, String correlationId, String signer, JsonNode payload) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("type", type);
        node.put("id", id);
        if (correlationId != null) {
            node.put("correlationId", correlationId);
        }
        node.put("signer", signer);
        node.set("payload", payload);
        return CanonicalJson.bytes(node);
    }

    public String toJson() {
        return Json.write(this);
    }

    public <T> T payloadAs(Class<T> type) {
        return Json.bind(payload, type);
    }
}
