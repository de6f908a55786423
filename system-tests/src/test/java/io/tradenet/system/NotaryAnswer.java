package io.tradenet.system;

import io.tradenet.contract.json.Json;
import io.tradenet.contract.notary.NotarisationOutcome;
import io.tradenet.contract.notary.StateConflict;

import java.util.Comparator;
import java.util.List;

/**
 * A notary answer reduced to what must be identical on every retry: the outcome, and for a Success the
 * exact signature, for a Conflict the exact list of conflicts.
 */
record NotaryAnswer(String outcome, String detail) {

    static NotaryAnswer of(NotarisationOutcome outcome) {
        if (outcome instanceof NotarisationOutcome.Success success) {
            return new NotaryAnswer("SUCCESS", Json.write(success.signature()));
        }
        if (outcome instanceof NotarisationOutcome.Conflict conflict) {
            List<StateConflict> sorted = conflict.conflicts().stream().sorted(Comparator.comparing(c -> c.stateRef().toString())).toList();
            return new NotaryAnswer("CONFLICT", Json.write(sorted));
        }
        return new NotaryAnswer(outcome.code(), "");
    }

    boolean permanent() {
        return !outcome.equals("GENERAL");
    }
}
