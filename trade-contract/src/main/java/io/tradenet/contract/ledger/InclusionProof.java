package io.tradenet.contract.ledger;

import java.util.List;

/** GET /api/ledger/proofs/inclusion: the audit path of a leaf (base64 hashes, RFC 9162 section 2.1.3). */
public record InclusionProof(long leafIndex, long treeSize, List<String> hashes) {
}
