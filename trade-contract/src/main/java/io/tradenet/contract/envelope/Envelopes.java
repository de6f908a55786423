package io.tradenet.contract.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradenet.contract.crypto.SigningKey;
import io.tradenet.contract.json.Json;
import io.tradenet.contract.json.MalformedDocumentException;
import io.tradenet.contract.party.Party;
import io.tradenet.contract.party.PartyRegistry;
import io.tradenet.contract.party.Role;

import java.util.Set;
import java.util.UUID;

/** Seals payloads into signed envelopes and opens received ones, verifying before anything acts on them. */
public final class Envelopes {

    private Envelopes() {
    }

    public static Envelope seal(String type, String correlationId, Object payload, SigningKey key) {
        JsonNode tree = payload instanceof JsonNode node ? node : Json.tree(payload);
        String id = UUID.randomUUID().toString();
        byte[] bytes = Envelope.signedBytes(type, id, correlationId, key.partyName(), tree);
        return new Envelope(type, id, correlationId, key.partyName(), tree, key.signB64(bytes));
    }

    /**
     * Parses and verifies a record value: well-formed, of the expected type, signed by a registered
     * party holding one of the allowed roles, signature valid. Throws {@link EnvelopeRejectedException}
     * with the reason otherwise.
     */
    public static Envelope open(String recordValue, String expectedType, Set<Role> allowedSignerRoles, PartyRegistry registry) {
        Envelope envelope;
        try {
            envelope = Json.read(recordValue, Envelope.class);
        } catch (MalformedDocumentException e) {
            throw new EnvelopeRejectedException("unparseable envelope: " + e.getMessage());
        }
        if (envelope.type() == null || envelope.id() == null || envelope.signer() == null
                || envelope.payload() == null || envelope.signature() == null) {
            throw new EnvelopeRejectedException("envelope lacks type, id, signer, payload or signature");
        }
        if (!envelope.type().equals(expectedType)) {
            throw new EnvelopeRejectedException("unexpected envelope type " + envelope.type() + ", expected " + expectedType);
        }
        Party signer = registry.find(envelope.signer())
                .orElseThrow(() -> new EnvelopeRejectedException("envelope signed by unknown party " + envelope.signer()));
        if (allowedSignerRoles.stream().noneMatch(signer::hasRole)) {
            throw new EnvelopeRejectedException(envelope.signer() + " may not send " + expectedType + " records");
        }
        if (!registry.verify(envelope.signer(), envelope.signedBytes(), envelope.signature())) {
            throw new EnvelopeRejectedException("envelope signature of " + envelope.signer() + " does not verify");
        }
        return envelope;
    }
}
