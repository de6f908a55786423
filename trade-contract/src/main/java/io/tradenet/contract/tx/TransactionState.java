package io.tradenet.contract.tx;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Objects;

/**
 * An output state: a versioned fact (a credit at version n, an eBL with its holder, an invoice).
 * {@code participants} are the registered parties entitled to see it; {@code data} is its content.
 */
public record TransactionState(String type, List<String> participants, JsonNode data) {

    public TransactionState {
        Objects.requireNonNull(type, "type");
        participants = List.copyOf(Objects.requireNonNull(participants, "participants"));
        Objects.requireNonNull(data, "data");
    }
}
