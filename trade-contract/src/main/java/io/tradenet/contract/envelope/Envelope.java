package io.tradenet.contract.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradenet.contract.crypto.Hashing;
import io.tradenet.contract.json.Json;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A signed Kafka record. The record value is the payload, a JSON document, exactly as signed; the
 * type, id, correlation id, signer and signature travel as Kafka headers ({@link EnvelopeHeaders}).
 * The Ed25519 signature covers, in this order and separated by newlines, the domain tag
 * {@value #DOMAIN}, the type, the id, the correlation id (empty if none), the signer, and then the
 * SHA-256 of the payload bytes in lower-case hex (no newline after it): headers and payload cannot be
 * swapped between records, and the consumer checks the bytes it received before it parses them.
 * Signing the payload's digest rather than the payload keeps Ed25519's own two SHA-512 passes off
 * payloads of hundreds of kilobytes (the JDK's SHA-256 runs on the CPU's SHA instructions, several
 * times faster); it is as strong as SHA-256's collision resistance. Batches (many requests or answers
 * in one payload) keep the cost to one signature per record.
 */
public record Envelope(String type, String id, String correlationId, String signer, byte[] payload, String signature) {

    public static final String DOMAIN = "tradenet-envelope/2";

    /**
     * The first form, which signed the payload bytes themselves after the header lines. Records in that
     * form still open (topics such as notarised-transactions are kept to rebuild a ledger from), none
     * is sealed in it; the two domain tags keep a signature of one form from verifying as the other.
     */
    public static final String DOMAIN_V1 = "tradenet-envelope/1";

    public Envelope {
        Objects.requireNonNull(payload, "payload");
    }

    public byte[] signedBytes() {
        return signedBytes(type, id, correlationId, signer, payload);
    }

    static byte[] signedBytes(String type, String id, String correlationId, String signer, byte[] payload) {
        ByteArrayOutputStream out = headerLines(DOMAIN, type, id, correlationId, signer, 256);
        out.writeBytes(Hashing.hex(Hashing.sha256(payload)).getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** What a {@link #DOMAIN_V1} signature covers: the header lines, then the payload bytes. */
    byte[] signedBytesV1() {
        ByteArrayOutputStream out = headerLines(DOMAIN_V1, type, id, correlationId, signer, payload.length + 160);
        out.writeBytes(payload);
        return out.toByteArray();
    }

    private static ByteArrayOutputStream headerLines(String domain, String type, String id, String correlationId, String signer, int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        for (String field : new String[] {domain, type, id, correlationId == null ? "" : correlationId, signer}) {
            if (field == null || field.indexOf('\n') >= 0) {
                throw new EnvelopeRejectedException("envelope header missing or containing a newline");
            }
            out.writeBytes(field.getBytes(StandardCharsets.UTF_8));
            out.write('\n');
        }
        return out;
    }

    /** The record value as a string (UTF-8). */
    public String value() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** The Kafka headers of this envelope. */
    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(EnvelopeHeaders.TYPE, type);
        headers.put(EnvelopeHeaders.ID, id);
        if (correlationId != null) {
            headers.put(EnvelopeHeaders.CORRELATION_ID, correlationId);
        }
        headers.put(EnvelopeHeaders.SIGNER, signer);
        headers.put(EnvelopeHeaders.SIGNATURE, signature);
        return headers;
    }

    /** The payload bound to a wire type, parsed from its bytes as signed ({@link Json#read(byte[], Class)}). */
    public <T> T payloadAs(Class<T> type) {
        return Json.read(payload, type);
    }

    /** The payload as a tree, read from its bytes as signed by the same rules as {@link #payloadAs}. */
    public JsonNode payloadTree() {
        return Json.read(payload, JsonNode.class);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Envelope e && Objects.equals(type, e.type) && Objects.equals(id, e.id)
                && Objects.equals(correlationId, e.correlationId) && Objects.equals(signer, e.signer)
                && Arrays.equals(payload, e.payload) && Objects.equals(signature, e.signature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, id, correlationId, signer, Arrays.hashCode(payload), signature);
    }

    @Override
    public String toString() {
        return "Envelope[" + type + ", " + id + ", signer " + signer + ", " + payload.length + " bytes]";
    }
}
