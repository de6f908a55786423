package io.tradenet.ledger.append;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradenet.contract.json.Json;
import io.tradenet.contract.notary.NotarisedTransaction;
import io.tradenet.contract.tx.SignedInstruction;
import io.tradenet.contract.tx.StateRef;
import io.tradenet.contract.tx.TimeWindow;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who an entry concerns, which decides who may read it (regulators read every entry): the participants
 * of its outputs, the participants of the states it consumes (as the ledger saw them created), the
 * parties whose signed instructions it carries, and the requester.
 *
 * <p>Read straight from the transaction's JSON as notarised (binding it to
 * {@link io.tradenet.contract.tx.WireTransaction} copied every subtree and was a sixth of the ledger's
 * append thread). A transaction that is not of the wire form, checked field by field at least as strictly
 * as that binding (exactly the known fields, the required ones present, state references well formed; a
 * number where a name belongs is refused here, where the binding would have coerced it to text),
 * concerns its requester alone and creates no state: the notary binds every transaction before it
 * commits one, so only a notary at fault could send one, and nothing read from it widens who sees it.
 */
public final class EntryParties {

    /**
     * The parties of one entry, and the participants of each output it creates, in output order (empty if it
     * creates no state the ledger recognises).
     */
    public record Concerned(Set<String> parties, List<List<String>> outputParties) {

        /** The states the entry of transaction {@code txId} creates, by reference, each with its participants. */
        public Map<StateRef, List<String>> createdStates(String txId) {
            Map<StateRef, List<String>> created = new LinkedHashMap<>();
            for (int i = 0; i < outputParties.size(); i++) {
                created.put(new StateRef(txId, i), outputParties.get(i));
            }
            return created;
        }
    }

    private static final Set<String> TRANSACTION_FIELDS = Set.of("notary", "inputs", "references", "outputs", "commands", "timeWindow");
    private static final Set<String> OUTPUT_FIELDS = Set.of("type", "participants", "data");
    private static final Set<String> COMMAND_FIELDS = Set.of("instruction", "signature");

    private EntryParties() {
    }

    /**
     * @param knownStates participants of states created earlier, by state reference; a consumed state the
     *                    ledger never saw created adds nobody
     */
    public static Concerned of(NotarisedTransaction notarised, Map<StateRef, List<String>> knownStates) {
        Concerned requesterAlone = new Concerned(Set.of(notarised.requester()), List.of());
        JsonNode tx = notarised.transaction();
        List<StateRef> inputs = stateRefs(tx.path("inputs"));
        if (!tx.isObject() || !onlyFields(tx, TRANSACTION_FIELDS) || !tx.path("notary").isTextual() || !isTimeWindow(tx.get("timeWindow"))
                || inputs == null || stateRefs(tx.path("references")) == null || !listOrAbsent(tx.path("outputs"))
                || !listOrAbsent(tx.path("commands"))) {
            return requesterAlone;
        }
        Set<String> parties = new TreeSet<>();
        parties.add(notarised.requester());
        JsonNode outputs = tx.path("outputs");
        List<List<String>> outputParties = new ArrayList<>(outputs.size());
        for (int i = 0; i < outputs.size(); i++) {
            List<String> participants = participants(outputs.get(i));
            if (participants == null) {
                return requesterAlone;
            }
            parties.addAll(participants);
            outputParties.add(participants);
        }
        for (JsonNode command : tx.path("commands")) {
            if (!command.isObject() || !onlyFields(command, COMMAND_FIELDS) || !command.has("instruction") || !command.path("signature").isTextual()) {
                return requesterAlone;
            }
            String signer = new SignedInstruction(command.get("instruction"), command.get("signature").textValue()).signer();
            if (signer != null) {
                parties.add(signer);
            }
        }
        for (StateRef input : inputs) {
            parties.addAll(knownStates.getOrDefault(input, List.of()));
        }
        return new Concerned(parties, outputParties);
    }

    /** The state references a batch of transactions consumes (well-formed ones), to look up their participants in one query. */
    public static Set<StateRef> inputsOf(List<NotarisedTransaction> batch) {
        Set<StateRef> refs = new TreeSet<>();
        for (NotarisedTransaction notarised : batch) {
            List<StateRef> inputs = stateRefs(notarised.transaction().path("inputs"));
            if (inputs != null) {
                refs.addAll(inputs);
            }
        }
        return refs;
    }

    /** The references of a list (absent or null is empty), or null if it is not a list of well-formed references. */
    private static List<StateRef> stateRefs(JsonNode list) {
        if (!listOrAbsent(list)) {
            return null;
        }
        List<StateRef> refs = new ArrayList<>(list.size());
        for (JsonNode ref : list) {
            if (!ref.isTextual()) {
                return null;
            }
            try {
                refs.add(StateRef.parse(ref.textValue()));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return refs;
    }

    /** An output's participants, or null if it is not an output of the wire form. */
    private static List<String> participants(JsonNode output) {
        if (!output.isObject() || !onlyFields(output, OUTPUT_FIELDS) || !output.path("type").isTextual() || !output.has("data")
                || !output.path("participants").isArray()) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (JsonNode participant : output.get("participants")) {
            if (!participant.isTextual()) {
                return null;
            }
            names.add(participant.textValue());
        }
        return names;
    }

    private static boolean isTimeWindow(JsonNode node) {
        if (node == null || !node.isObject()) {
            return false;
        }
        try {
            Json.bind(node, TimeWindow.class);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean onlyFields(JsonNode object, Set<String> allowed) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            if (!allowed.contains(names.next())) {
                return false;
            }
        }
        return true;
    }

    private static boolean listOrAbsent(JsonNode node) {
        return node.isMissingNode() || node.isNull() || node.isArray();
    }
}
