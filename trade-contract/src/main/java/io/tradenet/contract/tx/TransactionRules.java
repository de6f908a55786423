package io.tradenet.contract.tx;

import io.tradenet.contract.json.MalformedDocumentException;
import io.tradenet.contract.party.PartyRegistry;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The checks any party can make on a transaction with the registry alone: structure, limits, and that
 * every state consumed or referenced is authorised by a correctly signed instruction of a registered
 * party that names this notary.
 */
public final class TransactionRules {

    public static final int MAX_INPUTS = 100;
    public static final int MAX_REFERENCES = 100;
    public static final int MAX_OUTPUTS = 100;
    public static final int MAX_COMMANDS = 16;
    public static final int MAX_PARTICIPANTS = 16;

    private TransactionRules() {
    }

    /** Throws {@link TransactionInvalidException} naming the first rule the transaction breaks. */
    public static void verify(WireTransaction tx, PartyRegistry registry) {
        verify(tx, registry, null);
    }

    /**
     * As {@link #verify(WireTransaction, PartyRegistry)}, without checking the signature of
     * {@code alreadyVerified} again (the notary has just checked the requester's).
     */
    public static void verify(WireTransaction tx, PartyRegistry registry, SignedInstruction alreadyVerified) {
        if (tx.inputs().size() > MAX_INPUTS || tx.references().size() > MAX_REFERENCES
                || tx.outputs().size() > MAX_OUTPUTS || tx.commands().size() > MAX_COMMANDS) {
            throw new TransactionInvalidException("transaction exceeds the limits of " + MAX_INPUTS + " inputs, "
                    + MAX_REFERENCES + " references, " + MAX_OUTPUTS + " outputs, " + MAX_COMMANDS + " commands");
        }
        if (tx.inputs().isEmpty() && tx.outputs().isEmpty()) {
            throw new TransactionInvalidException("transaction neither consumes nor creates a state");
        }
        Set<StateRef> inputs = distinct(tx.inputs(), "input");
        Set<StateRef> references = distinct(tx.references(), "reference");
        for (StateRef ref : references) {
            if (inputs.contains(ref)) {
                throw new TransactionInvalidException("state " + ref + " is both an input and a reference");
            }
        }
        if (!registry.find(tx.notary()).map(p -> p.hasRole(io.tradenet.contract.party.Role.NOTARY)).orElse(false)) {
            throw new TransactionInvalidException("notary " + tx.notary() + " is not a registered notary");
        }
        for (TransactionState output : tx.outputs()) {
            if (output.participants().isEmpty() || output.participants().size() > MAX_PARTICIPANTS) {
                throw new TransactionInvalidException("each output needs 1 to " + MAX_PARTICIPANTS + " participants");
            }
            for (String participant : output.participants()) {
                if (registry.find(participant).isEmpty()) {
                    throw new TransactionInvalidException("output participant " + participant + " is not registered");
                }
            }
        }
        if (tx.commands().isEmpty()) {
            throw new TransactionInvalidException("transaction carries no signed instruction");
        }
        Set<StateRef> authorisedInputs = new HashSet<>();
        Set<StateRef> authorisedReferences = new HashSet<>();
        Set<String> instructionIds = new HashSet<>();
        for (SignedInstruction command : tx.commands()) {
            Instruction instruction = parse(command);
            if (!instructionIds.add(instruction.id())) {
                throw new TransactionInvalidException("instruction " + instruction.id() + " appears twice");
            }
            if (command != alreadyVerified && !registry.verify(instruction.signer(), command.signedBytes(), command.signature())) {
                throw new TransactionInvalidException("signature of " + instruction.signer() + " on instruction "
                        + instruction.id() + " does not verify against the registry");
            }
            if (!tx.notary().equals(instruction.notary())) {
                throw new TransactionInvalidException("instruction " + instruction.id() + " names notary "
                        + instruction.notary() + ", the transaction " + tx.notary());
            }
            for (StateRef ref : instruction.consumes()) {
                if (!inputs.contains(ref)) {
                    throw new TransactionInvalidException("instruction " + instruction.id() + " consumes " + ref
                            + " which is not an input");
                }
                authorisedInputs.add(ref);
            }
            for (StateRef ref : instruction.references()) {
                if (!references.contains(ref)) {
                    throw new TransactionInvalidException("instruction " + instruction.id() + " references " + ref
                            + " which is not a reference of the transaction");
                }
                authorisedReferences.add(ref);
            }
        }
        if (!authorisedInputs.equals(inputs)) {
            throw new TransactionInvalidException("an input is consumed without any party's signed instruction");
        }
        if (!authorisedReferences.equals(references)) {
            throw new TransactionInvalidException("a reference is used without any party's signed instruction");
        }
    }

    /**
     * The notary's request check: the requester must have signed an instruction in this transaction that
     * asks for exactly its inputs and references, under its time window and notary. That signature is
     * the requester's signature over the request, kept for the spent-state audit.
     */
    public static SignedInstruction requesterInstruction(WireTransaction tx, String requester, PartyRegistry registry) {
        if (requester == null || registry.find(requester).isEmpty()) {
            throw new RequestSignatureInvalidException("requester " + requester + " is not a registered party");
        }
        for (SignedInstruction command : tx.commands()) {
            if (!requester.equals(command.signer())) {
                continue;
            }
            if (!registry.verify(requester, command.signedBytes(), command.signature())) {
                throw new RequestSignatureInvalidException("the requester's signature does not verify against the registry");
            }
            Instruction instruction;
            try {
                instruction = command.parsed();
            } catch (MalformedDocumentException e) {
                throw new RequestSignatureInvalidException("the requester's instruction is malformed: " + e.getMessage());
            }
            if (!Set.copyOf(instruction.consumes()).equals(Set.copyOf(tx.inputs()))
                    || !Set.copyOf(instruction.references()).equals(Set.copyOf(tx.references()))
                    || !Objects.equals(instruction.timeWindow(), tx.timeWindow())
                    || !tx.notary().equals(instruction.notary())) {
                throw new RequestSignatureInvalidException("the requester's signed instruction does not cover this "
                        + "transaction's inputs, references, time window and notary");
            }
            return command;
        }
        throw new RequestSignatureInvalidException("the transaction carries no instruction signed by the requester " + requester);
    }

    private static Instruction parse(SignedInstruction command) {
        try {
            return command.parsed();
        } catch (MalformedDocumentException e) {
            throw new TransactionInvalidException("malformed instruction: " + e.getMessage());
        }
    }

    private static Set<StateRef> distinct(List<StateRef> refs, String what) {
        Set<StateRef> set = new HashSet<>(refs);
        if (set.size() != refs.size()) {
            throw new TransactionInvalidException("duplicate " + what + " state");
        }
        return set;
    }
}
