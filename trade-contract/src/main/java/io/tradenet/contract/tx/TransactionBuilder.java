package io.tradenet.contract.tx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.tradenet.contract.crypto.SigningKey;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Client-side assembly of a transaction: what it consumes, references and creates, and the signed
 * instruction of the party asking for it (which covers exactly these inputs, references, time window
 * and notary, as the notary requires). Co-signers add their own instructions.
 */
public final class TransactionBuilder {

    private final String notary;
    private final List<StateRef> inputs = new ArrayList<>();
    private final List<StateRef> references = new ArrayList<>();
    private final List<TransactionState> outputs = new ArrayList<>();
    private final List<SignedInstruction> coSigned = new ArrayList<>();
    private TimeWindow timeWindow = TimeWindow.around(Instant.now(), Duration.ofMinutes(10));

    private TransactionBuilder(String notary) {
        this.notary = Objects.requireNonNull(notary, "notary");
    }

    public static TransactionBuilder forNotary(String notary) {
        return new TransactionBuilder(notary);
    }

    public TransactionBuilder consume(StateRef... refs) {
        inputs.addAll(List.of(refs));
        return this;
    }

    public TransactionBuilder consume(List<StateRef> refs) {
        inputs.addAll(refs);
        return this;
    }

    public TransactionBuilder reference(StateRef... refs) {
        references.addAll(List.of(refs));
        return this;
    }

    public TransactionBuilder reference(List<StateRef> refs) {
        references.addAll(refs);
        return this;
    }

    public TransactionBuilder output(TransactionState state) {
        outputs.add(state);
        return this;
    }

    public TransactionBuilder output(String type, List<String> participants, JsonNode data) {
        return output(new TransactionState(type, participants, data));
    }

    public TransactionBuilder timeWindow(TimeWindow window) {
        this.timeWindow = Objects.requireNonNull(window, "timeWindow");
        return this;
    }

    /** Adds another party's instruction (for example one agreeing to consume some of the inputs). */
    public TransactionBuilder coSignedBy(SigningKey key, String action, List<StateRef> consumes, JsonNode body) {
        coSigned.add(SignedInstruction.sign(new Instruction(UUID.randomUUID().toString(), action, key.partyName(), notary,
                consumes, List.of(), timeWindow, body), key));
        return this;
    }

    /** The requester's signed instruction over everything, then the transaction. */
    public WireTransaction signedBy(SigningKey requester, String action, JsonNode body) {
        SignedInstruction instruction = SignedInstruction.sign(new Instruction(UUID.randomUUID().toString(), action,
                requester.partyName(), notary, inputs, references, timeWindow,
                body == null ? JsonNodeFactory.instance.objectNode() : body), requester);
        List<SignedInstruction> commands = new ArrayList<>();
        commands.add(instruction);
        commands.addAll(coSigned);
        return new WireTransaction(notary, inputs, references, outputs, commands, timeWindow);
    }

    /** Builds from an instruction the requester has already signed elsewhere (its own client). */
    public WireTransaction withSignedInstruction(SignedInstruction instruction) {
        List<SignedInstruction> commands = new ArrayList<>();
        commands.add(instruction);
        commands.addAll(coSigned);
        return new WireTransaction(notary, inputs, references, outputs, commands, timeWindow);
    }
}
