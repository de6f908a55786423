package io.tradenet.contract.ledger;

import java.util.List;

/** GET /api/ledger/proofs/consistency: the proof that tree {@code to} extends tree {@code from} (RFC 9162 section 2.1.4). */
public record ConsistencyProof(long from, long to, List<String> hashes) {
}
