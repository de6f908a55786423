package io.tradenet.contract.notary;

import java.time.Instant;

/**
 * What the notary signs once per batch: the RFC 9162 Merkle root (base64) over the leaf hashes
 * SHA-256(0x00 || txId bytes) of the batch's transaction ids in batch order, the batch size, the
 * notarisation time and the notary's name. Signed bytes = RFC 8785 canonical JSON of this record.
 */
public record BatchHeader(String notary, String batchRoot, long batchSize, Instant notarisedAt) {
}
