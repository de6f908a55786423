package io.tradenet.notary.uniqueness;

import io.tradenet.notary.signing.BatchSigner;

import java.util.List;

/**
 * The narrow uniqueness interface: commit a batch of requests so that every input of a transaction is
 * consumed atomically by it, or none is; references are checked, never consumed; the time window is
 * checked against the notary clock at commit; every answer is recorded before it is returned, so a
 * retry of the same transaction gets the same answer. Signing is not the provider's business: it calls
 * the signer for the transactions it has decided to commit.
 */
public interface UniquenessProvider {

    /**
     * Decides and durably records every request of the batch. Throws {@link TemporaryFailure} if
     * nothing could be recorded (the caller answers General and the client retries).
     */
    Committed commit(List<PendingCommit> batch, BatchSigner signer);

    /** Thrown when the commit could not be made durable: nothing changed. */
    class TemporaryFailure extends RuntimeException {
        public TemporaryFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
