package io.tradenet.contract.tx;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Objects;

/**
 * What a party asks for, in its own words, before any transaction exists: the action, the states it
 * consumes and references, the time window and notary it accepts, and the action's content. The party
 * signs the RFC 8785 canonical bytes of this document; the signed instruction travels inside the
 * transaction, so anyone can check who authorised each state change. The {@code id} makes every
 * instruction unique, so a replayed instruction always maps to the same transaction.
 */
public record Instruction(
        String id,
        String action,
        String signer,
        String notary,
        List<StateRef> consumes,
        List<StateRef> references,
        TimeWindow timeWindow,
        JsonNode body) {

    public static final int MAX_ID_LENGTH = 64;

    public Instruction {
        Objects.requireNonNull(id, "id");
        if (id.isBlank() || id.length() > MAX_ID_LENGTH) {
            throw new IllegalArgumentException("instruction id must have 1 to " + MAX_ID_LENGTH + " characters");
        }
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(notary, "notary");
        consumes = consumes == null ? List.of() : List.copyOf(consumes);
        references = references == null ? List.of() : List.copyOf(references);
        Objects.requireNonNull(timeWindow, "timeWindow");
    }
}
