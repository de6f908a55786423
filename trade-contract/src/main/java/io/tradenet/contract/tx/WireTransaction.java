package io.tradenet.contract.tx;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradenet.contract.crypto.Hashing;
import io.tradenet.contract.json.CanonicalJson;

import java.nio.charset.StandardCharsets;

import java.util.List;
import java.util.Objects;

/**
 * A transaction: consumes {@code inputs}, checks {@code references} without consuming them, creates
 * {@code outputs}, and carries the signed instructions ({@code commands}) of the parties that
 * authorised it, a time window and the notary that must notarise it.
 *
 * <p>Its id is the lower-case hex SHA-256 of the RFC 8785 canonical encoding of its JSON form. A
 * receiver computes the id from the JSON as received ({@link #idOf(JsonNode)}), so the id never
 * depends on a re-serialisation.
 */
public record WireTransaction(
        String notary,
        List<StateRef> inputs,
        List<StateRef> references,
        List<TransactionState> outputs,
        List<SignedInstruction> commands,
        TimeWindow timeWindow) {

    public WireTransaction {
        Objects.requireNonNull(notary, "notary");
        inputs = inputs == null ? List.of() : List.copyOf(inputs);
        references = references == null ? List.of() : List.copyOf(references);
        outputs = outputs == null ? List.of() : List.copyOf(outputs);
        commands = commands == null ? List.of() : List.copyOf(commands);
        Objects.requireNonNull(timeWindow, "timeWindow");
    }

    public String id() {
        return CanonicalJson.sha256Hex(this);
    }

    public static String idOf(JsonNode transactionJson) {
        return CanonicalJson.sha256Hex(transactionJson);
    }

    /** {@link #idOf(JsonNode)} from the transaction's canonical text ({@link CanonicalJson#text}), for a caller that has it already. */
    public static String idOfCanonical(String canonicalText) {
        return Hashing.hex(Hashing.sha256(canonicalText.getBytes(StandardCharsets.UTF_8)));
    }

    public StateRef outputRef(int index) {
        if (index < 0 || index >= outputs.size()) {
            throw new IndexOutOfBoundsException("no output " + index);
        }
        return new StateRef(id(), index);
    }
}
