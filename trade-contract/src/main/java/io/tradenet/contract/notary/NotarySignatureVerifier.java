package io.tradenet.contract.notary;

import io.tradenet.contract.party.PartyRegistry;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link NotarySignatures#verify} for a party that receives many notarised transactions: every transaction
 * of a batch carries the same signed header, so a header whose signature verified is remembered (the
 * header's fields together with the signature, a bounded number of them) and only the
 * transaction's inclusion proof is checked again. The answer is always the same as
 * {@link NotarySignatures#verify}'s; only the Ed25519 work per batch is saved.
 */
public final class NotarySignatureVerifier {

    /** Batch headers remembered; a batch arrives within seconds, so this covers far more than is in flight. */
    public static final int REMEMBERED = 10_000;

    private final PartyRegistry registry;
    /** A header and its signature; equal keys have equal canonical header bytes, since those are a function of the header's fields. */
    private record Verified(String signature, BatchHeader header) {
    }

    private final Map<Verified, Boolean> verified = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Verified, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    });

    /**
     * The header verified or found last: a batch's transactions arrive one after another, and comparing with
     * it (record equality: strings, size, time) skips the map's hashing of the signature and header, whose strings are new for
     * every transaction parsed (2% of the ledger's sampled CPU at full append rate, under the map's lock).
     */
    private volatile Verified last;

    public NotarySignatureVerifier(PartyRegistry registry) {
        this.registry = registry;
    }

    /** Throws {@link InvalidNotarySignatureException} naming the failure, as {@link NotarySignatures#verify} does. */
    public void verify(String txId, NotarySignature signature) {
        if (signature == null) {
            throw new InvalidNotarySignatureException("no notary signature");
        }
        Verified key = new Verified(signature.signature(), signature.header());
        if (!key.equals(last)) {
            if (!verified.containsKey(key)) {
                NotarySignatures.verifyHeader(signature, registry);
                verified.put(key, Boolean.TRUE);
            }
            last = key;
        }
        NotarySignatures.verifyInclusion(txId, signature);
    }
}
