package io.tradenet.contract.ledger;

/**
 * One event of the regulators' audit stream (SSE and the ledger-audit topic): the entry, its index and
 * leaf hash, and the latest signed checkpoint (C2SP note) that includes it, so a subscriber can verify
 * each event as it arrives with an inclusion proof.
 */
public record AuditEvent(long index, String leafHash, LedgerEntry entry, String checkpoint) {
}
