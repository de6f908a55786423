package io.tradenet.ledger.append;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradenet.contract.notary.NotarisedTransaction;

import java.util.ArrayList;
import java.util.Arrays;
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
 * <p>Read straight from the transaction's JSON as notarised, without binding it to
 * {@link io.tradenet.contract.tx.WireTransaction} (on the append path that binding was a tenth of the
 * writer's time). A transaction whose outputs, inputs or commands are not of the wire form (the notary
 * binds every transaction before it commits one, so only a notary at fault could send it) concerns its
 * requester alone: nothing read from a malformed part widens who sees it.
 */
public final class EntryParties {

    /** The parties of one entry and the states it creates (state reference to comma-separated participants). */
    public record Concerned(Set<String> parties, Map<String, String> createdStates) {
    }

    private EntryParties() {
    }

    /**
     * @param knownStates participants (comma-separated) of states created earlier, by state reference;
     *                    a consumed state the ledger never saw created adds nobody
     */
    public static Concerned of(NotarisedTransaction notarised, Map<String, String> knownStates) {
        Set<String> parties = new TreeSet<>();
        parties.add(notarised.requester());
        Map<String, String> created = new LinkedHashMap<>();
        JsonNode tx = notarised.transaction();
        JsonNode outputs = tx.path("outputs");
        JsonNode inputs = tx.path("inputs");
        JsonNode commands = tx.path("commands");
        if (!listOrAbsent(outputs) || !listOrAbsent(inputs) || !listOrAbsent(commands)) {
            return new Concerned(parties, Map.of());
        }
        List<String> fromTree = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            JsonNode participants = outputs.get(i).path("participants");
            if (!participants.isArray()) {
                return new Concerned(Set.of(notarised.requester()), Map.of());
            }
            List<String> names = new ArrayList<>(participants.size());
            for (JsonNode participant : participants) {
                if (!participant.isTextual()) {
                    return new Concerned(Set.of(notarised.requester()), Map.of());
                }
                names.add(participant.textValue());
            }
            fromTree.addAll(names);
            created.put(notarised.txId() + ":" + i, String.join(",", names));
        }
        for (JsonNode input : inputs) {
            if (!input.isTextual()) {
                return new Concerned(Set.of(notarised.requester()), Map.of());
            }
            String known = knownStates.get(input.textValue());
            if (known != null && !known.isEmpty()) {
                fromTree.addAll(Arrays.asList(known.split(",")));
            }
        }
        for (JsonNode command : commands) {
            JsonNode signer = command.path("instruction").path("signer");
            if (signer.isTextual()) {
                fromTree.add(signer.textValue());
            }
        }
        parties.addAll(fromTree);
        return new Concerned(parties, created);
    }

    /** The state references a batch of transactions consumes, to look up their participants in one query. */
    public static Set<String> inputsOf(List<NotarisedTransaction> batch) {
        Set<String> refs = new TreeSet<>();
        for (NotarisedTransaction notarised : batch) {
            JsonNode inputs = notarised.transaction().path("inputs");
            if (inputs.isArray()) {
                inputs.forEach(ref -> {
                    if (ref.isTextual()) {
                        refs.add(ref.textValue());
                    }
                });
            }
        }
        return refs;
    }

    private static boolean listOrAbsent(JsonNode node) {
        return node.isMissingNode() || node.isNull() || node.isArray();
    }
}
