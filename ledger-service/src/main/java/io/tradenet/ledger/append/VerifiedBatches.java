package io.tradenet.ledger.append;

import io.tradenet.contract.json.CanonicalJson;
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

    /** Returns the transaction's canonical text, which the id was computed over (the appender reuses it for the leaf). */
    String verify(NotarisedTransaction notarised) {
        String canonical = CanonicalJson.text(notarised.transaction());
        String computed = WireTransaction.idOfCanonical(canonical);
        if (!computed.equals(notarised.txId())) {
            throw new InvalidNotarySignatureException("txId " + notarised.txId() + " is not the id of the transaction");
        }
        signatures.verify(notarised.txId(), notarised.notarySignature());
        return canonical;
    }
}
