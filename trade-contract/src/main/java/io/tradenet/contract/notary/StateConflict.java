package io.tradenet.contract.notary;

import io.tradenet.contract.crypto.Hashing;
import io.tradenet.contract.tx.StateRef;

/**
 * One state that is already consumed. {@code consumingTxHash} is SHA-256 of the consuming transaction's
 * id bytes (hex): enough to tell two conflicts apart or to confirm a known transaction, without
 * disclosing the id to a party that is not entitled to it.
 */
public record StateConflict(StateRef stateRef, ConflictKind kind, String consumingTxHash) {

    public static String hashOfTxId(String txId) {
        return Hashing.hex(Hashing.sha256(Hashing.fromHex(txId)));
    }
}
