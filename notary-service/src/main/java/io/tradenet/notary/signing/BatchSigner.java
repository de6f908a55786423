package io.tradenet.notary.signing;

import io.tradenet.contract.notary.NotarySignature;
import io.tradenet.contract.notary.NotarySignatures;
import io.tradenet.contract.party.NetworkIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.List;

/** Signs a batch of committed transaction ids once, over their Merkle root, with the notary's key. */
@ApplicationScoped
public class BatchSigner {

    private final NetworkIdentity identity;

    @Inject
    public BatchSigner(NetworkIdentity identity) {
        this.identity = identity;
    }

    public List<NotarySignature> sign(List<String> txIds, Instant notarisedAt) {
        return NotarySignatures.signBatch(txIds, identity.key(), notarisedAt);
    }

    public String notaryName() {
        return identity.name();
    }
}
