package io.tradenet.notary.uniqueness;

import io.tradenet.contract.notary.NotarisationOutcome;
import io.tradenet.contract.notary.NotarisationRequest;
import io.tradenet.contract.tx.SignedInstruction;
import io.tradenet.contract.tx.WireTransaction;

/**
 * A request that passed the checks that need no shared state (signatures, structure) and now waits to
 * be committed. {@code rejection} is set when validation already found the transaction invalid: the
 * rejection is still recorded, so a retry gets the same answer.
 */
public record PendingCommit(String txId, NotarisationRequest request, WireTransaction transaction,
                            SignedInstruction requesterInstruction, NotarisationOutcome rejection) {

    public static PendingCommit valid(String txId, NotarisationRequest request, WireTransaction tx, SignedInstruction instruction) {
        return new PendingCommit(txId, request, tx, instruction, null);
    }

    public static PendingCommit rejected(String txId, NotarisationRequest request, NotarisationOutcome rejection) {
        return new PendingCommit(txId, request, null, null, rejection);
    }

    public int stateCount() {
        return transaction == null ? 0 : transaction.inputs().size() + transaction.references().size();
    }
}
