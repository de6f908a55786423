package io.tradenet.lc.credit;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradenet.contract.notary.NotarySignature;

import java.time.Instant;

/** A credit as the API shows it: current status, version and state, the terms, and the last notarisation. */
public record CreditView(String reference, CreditStatus status, int version, String stateRef, String txId,
                         JsonNode state, NotarySignature notarySignature, Instant updatedAt) {
}
