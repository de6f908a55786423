package io.tradenet.contract.notary;

import io.tradenet.contract.crypto.Hashing;
import io.tradenet.contract.crypto.SigningKey;
import io.tradenet.contract.json.CanonicalJson;
import io.tradenet.contract.merkle.InMemoryMerkleTree;
import io.tradenet.contract.merkle.ProofException;
import io.tradenet.contract.merkle.Rfc9162;
import io.tradenet.contract.party.PartyRegistry;
import io.tradenet.contract.party.Role;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One notary signature per batch over the Merkle root of the batch's transaction ids, with a
 * per-transaction inclusion proof (how Corda's notary scales). Signing and verifying both live here so
 * that every party verifies exactly what the notary signed.
 */
public final class NotarySignatures {

    private NotarySignatures() {
    }

    public static byte[] leafOf(String txId) {
        return Rfc9162.leafHash(Hashing.fromHex(txId));
    }

    /** Signs a batch; returns one signature per transaction id, in the same order. */
    public static List<NotarySignature> signBatch(List<String> txIds, SigningKey notaryKey, Instant notarisedAt) {
        if (txIds.isEmpty()) {
            return List.of();
        }
        InMemoryMerkleTree tree = new InMemoryMerkleTree();
        txIds.forEach(id -> tree.appendLeafHash(leafOf(id)));
        String root = Hashing.b64(tree.root());
        notarisedAt = notarisedAt.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        BatchHeader header = new BatchHeader(notaryKey.partyName(), root, txIds.size(), notarisedAt);
        String signature = notaryKey.signB64(CanonicalJson.bytes(header));
        List<NotarySignature> out = new ArrayList<>(txIds.size());
        for (int i = 0; i < txIds.size(); i++) {
            List<String> proof = tree.inclusionProof(i, txIds.size()).stream().map(Hashing::b64).toList();
            out.add(new NotarySignature(header.notary(), root, header.batchSize(), notarisedAt, i, proof, signature));
        }
        return out;
    }

    /**
     * Verifies that a registered notary signed a batch containing {@code txId}. Throws
     * {@link InvalidNotarySignatureException} naming the failure.
     */
    public static void verify(String txId, NotarySignature signature, PartyRegistry registry) {
        verifyHeader(signature, registry);
        verifyInclusion(txId, signature);
    }

    /** The batch part: a registered notary signed this header. Identical for every transaction of a batch. */
    public static void verifyHeader(NotarySignature signature, PartyRegistry registry) {
        if (signature == null) {
            throw new InvalidNotarySignatureException("no notary signature");
        }
        if (!registry.hasRole(signature.notary(), Role.NOTARY)) {
            throw new InvalidNotarySignatureException(signature.notary() + " is not a registered notary");
        }
        if (!registry.verify(signature.notary(), CanonicalJson.bytes(signature.header()), signature.signature())) {
            throw new InvalidNotarySignatureException("the batch signature does not verify against the notary's key");
        }
    }

    /** The per-transaction part: the transaction's leaf is in the signed batch root. */
    public static void verifyInclusion(String txId, NotarySignature signature) {
        try {
            List<byte[]> proof = signature.proof().stream().map(Hashing::fromB64).toList();
            Rfc9162.verifyInclusion(signature.leafIndex(), signature.batchSize(), leafOf(txId), proof,
                    Hashing.fromB64(signature.batchRoot()));
        } catch (ProofException | IllegalArgumentException e) {
            throw new InvalidNotarySignatureException("transaction " + txId + " is not in the signed batch: " + e.getMessage());
        }
    }
}
