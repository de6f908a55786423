package io.tradenet.notary.uniqueness;

import io.tradenet.contract.notary.NotarisationOutcome;
import io.tradenet.contract.notary.NotarisedTransaction;

import java.util.List;

/**
 * The result of committing a batch: one answer per pending request (same order), and the transactions
 * newly notarised by this batch, which must reach the ledger (batch id for the outbox).
 */
public record Committed(List<NotarisationOutcome> outcomes, List<NotarisedTransaction> notarised, long batchId) {
}
