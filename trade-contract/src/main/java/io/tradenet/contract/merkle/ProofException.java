package io.tradenet.contract.merkle;

/** A Merkle inclusion or consistency proof that does not verify, with the reason. */
public class ProofException extends RuntimeException {
    public ProofException(String message) {
        super(message);
    }
}
