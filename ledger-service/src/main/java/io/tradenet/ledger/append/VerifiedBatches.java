package io.tradenet.ledger.append;

import io.tradenet.contract.notary.InvalidNotarySignatureException;
import io.tradenet.contract.notary.NotarisedTransaction;
import io.tradenet.contract.notary.NotarySignatureVerifier;
import io.tradenet.contract.party.PartyRegistry;
import io.tradenet.contract.tx.WireTransaction;

/**
 * Verifies notarised transactions before they are appended: the id is the transaction's id, the
 * transaction is in the notary's signed batch. A batch signature is checked once and remembered (every
 * transaction of a batch carries the same one; {@link NotarySignatureVerifier}), which keeps verification
 * cheap at high append rates.
 */
final class VerifiedBatches {

    private final NotarySignatureVerifier signatures;

    VerifiedBatches(PartyRegistry registry) {
        this.signatures = new NotarySignatureVerifier(registry);
    }

    void verify(NotarisedTransaction notarised) {
        String computed = WireTransaction.idOf(notarised.transaction());
        if (!computed.equals(notarised.txId())) {
            throw new InvalidNotarySignatureException("txId " + notarised.txId() + " is not the id of the transaction");
        }
        signatures.verify(notarised.txId(), notarised.notarySignature());
    }
}
