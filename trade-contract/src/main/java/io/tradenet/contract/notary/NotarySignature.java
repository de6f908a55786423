package io.tradenet.contract.notary;

import java.time.Instant;
import java.util.List;

/**
 * The notary's signature on one transaction: the signed batch header, the Ed25519 signature over it,
 * and the inclusion proof of this transaction's leaf ({@code leafIndex}, base64 {@code proof}) in the
 * batch tree. Verified by {@link NotarySignatures#verify}.
 */
public record NotarySignature(
        String notary,
        String batchRoot,
        long batchSize,
        Instant notarisedAt,
        long leafIndex,
        List<String> proof,
        String signature) {

    public NotarySignature {
        proof = List.copyOf(proof);
    }

    public BatchHeader header() {
        return new BatchHeader(notary, batchRoot, batchSize, notarisedAt);
    }
}
