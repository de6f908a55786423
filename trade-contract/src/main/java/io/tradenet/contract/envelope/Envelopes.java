package io.tradenet.contract.envelope;

import io.tradenet.contract.crypto.SigningKey;
import io.tradenet.contract.json.Json;
import io.tradenet.contract.party.Party;
import io.tradenet.contract.party.PartyRegistry;
import io.tradenet.contract.party.Role;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Seals payloads into signed envelopes and opens received ones, verifying before anything acts on them. */
public final class Envelopes {

    /** Hard upper bound of a record value; Kafka's own default limit is 1 MiB. */
    public static final int MAX_PAYLOAD_BYTES = 1 << 20;

    private Envelopes() {
    }

    /** Seals the payload's JSON, written in ASCII ({@link Json#writeAscii}): what a record carries, cheapest to convert. */
    public static Envelope seal(String type, String correlationId, Object payload, SigningKey key) {
        byte[] bytes = Json.writeAscii(payload);
        String id = UUID.randomUUID().toString();
        return new Envelope(type, id, correlationId, key.partyName(), bytes,
                key.signB64(Envelope.signedBytes(type, id, correlationId, key.partyName(), bytes)));
    }

    /**
     * Verifies a received record: headers complete, of the expected type, signed by a registered party
     * holding one of the allowed roles, signature valid over exactly these bytes. Throws
     * {@link EnvelopeRejectedException} with the reason otherwise. The payload is not parsed here.
     */
    public static Envelope open(Map<String, String> headers, String value, String expectedType, Set<Role> allowedSignerRoles,
                                PartyRegistry registry) {
        if (value == null || value.isEmpty()) {
            throw new EnvelopeRejectedException("empty record");
        }
        byte[] payload = value.getBytes(StandardCharsets.UTF_8);
        if (payload.length > MAX_PAYLOAD_BYTES) {
            throw new EnvelopeRejectedException("record larger than " + MAX_PAYLOAD_BYTES + " bytes");
        }
        String type = headers.get(EnvelopeHeaders.TYPE);
        String id = headers.get(EnvelopeHeaders.ID);
        String signer = headers.get(EnvelopeHeaders.SIGNER);
        String signature = headers.get(EnvelopeHeaders.SIGNATURE);
        if (type == null || id == null || signer == null || signature == null) {
            throw new EnvelopeRejectedException("unsigned record: the " + EnvelopeHeaders.TYPE + ", " + EnvelopeHeaders.ID + ", "
                    + EnvelopeHeaders.SIGNER + " and " + EnvelopeHeaders.SIGNATURE + " headers are required");
        }
        if (!type.equals(expectedType)) {
            throw new EnvelopeRejectedException("unexpected envelope type " + type + ", expected " + expectedType);
        }
        Party party = registry.find(signer)
                .orElseThrow(() -> new EnvelopeRejectedException("envelope signed by unknown party " + signer));
        if (allowedSignerRoles.stream().noneMatch(party::hasRole)) {
            throw new EnvelopeRejectedException(signer + " may not send " + expectedType + " records");
        }
        Envelope envelope = new Envelope(type, id, headers.get(EnvelopeHeaders.CORRELATION_ID), signer, payload, signature);
        if (!registry.verify(signer, envelope.signedBytes(), signature)
                && !registry.verify(signer, envelope.signedBytesV1(), signature)) {
            throw new EnvelopeRejectedException("envelope signature of " + signer + " does not verify");
        }
        return envelope;
    }
}
