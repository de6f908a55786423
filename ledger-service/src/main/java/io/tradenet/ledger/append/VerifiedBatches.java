package io.tradenet.ledger.append;

import io.tradenet.contract.notary.InvalidNotarySignatureException;
import io.tradenet.contract.notary.NotarisedTransaction;
import io.tradenet.contract.notary.NotarySignatures;
import io.tradenet.contract.party.PartyRegistry;
import io.tradenet.contract.tx.WireTransaction;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Verifies notarised transactions before they are appended: the id is the transaction's id, the
 * transaction is in the notary's signed batch. A batch signature is checked once and remembered (every
 * transaction of a batch carries the same one), which keeps verification cheap at high append rates.
 */
final class VerifiedBatches {

    private static final int REMEMBERED = 10_000;
    private final PartyRegistry registry;
    private final Map<String, Boolean> verified = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    });

    VerifiedBatches(PartyRegistry registry) {
        this.registry = registry;
    }

    void verify(NotarisedTransaction notarised) {
        String computed = WireTransaction.idOf(notarised.transaction());
        if (!computed.equals(notarised.txId())) {
            throw new InvalidNotarySignatureException("txId " + notarised.txId() + " is not the id of the transaction");
        }
        String key = notarised.notarySignature().signature() + notarised.notarySignature().batchRoot();
        if (!verified.containsKey(key)) {
            NotarySignatures.verifyHeader(notarised.notarySignature(), registry);
            verified.put(key, Boolean.TRUE);
        }
        NotarySignatures.verifyInclusion(notarised.txId(), notarised.notarySignature());
    }
}
