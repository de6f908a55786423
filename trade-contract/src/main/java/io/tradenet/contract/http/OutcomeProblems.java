package io.tradenet.contract.http;

import io.tradenet.contract.notary.NotarisationOutcome;

/**
 * How a notary answer maps to HTTP, the same in every service: Success passes, Conflict is 409 (with
 * the conflicting states), the other permanent refusals are 422, General is 503 with Retry-After.
 */
public final class OutcomeProblems {

    private OutcomeProblems() {
    }

    public static NotarisationOutcome.Success successOrThrow(NotarisationOutcome outcome) {
        if (outcome instanceof NotarisationOutcome.Success success) {
            return success;
        }
        throw problem(outcome);
    }

    public static ProblemException problem(NotarisationOutcome outcome) {
        if (outcome instanceof NotarisationOutcome.Conflict conflict) {
            return ProblemException.conflict("notary-conflict", "a state is already consumed by another transaction "
                    + "(double spend refused by the notary)").with("txId", conflict.txId()).with("conflicts", conflict.conflicts());
        }
        if (outcome instanceof NotarisationOutcome.TimeWindowInvalid window) {
            return ProblemException.unprocessable("time-window-invalid", "the notary's time is outside the transaction's time window")
                    .with("txId", window.txId()).with("timeWindow", window.timeWindow()).with("notaryTime", window.notaryTime());
        }
        if (outcome instanceof NotarisationOutcome.TransactionInvalid invalid) {
            return ProblemException.unprocessable("transaction-invalid", invalid.reason()).with("txId", invalid.txId());
        }
        if (outcome instanceof NotarisationOutcome.RequestSignatureInvalid invalid) {
            return ProblemException.unprocessable("request-signature-invalid", invalid.reason()).with("txId", invalid.txId());
        }
        if (outcome instanceof NotarisationOutcome.General general) {
            return ProblemException.unavailable("notary-unavailable", general.reason(), (general.retryAfterMillis() + 999) / 1000)
                    .with("txId", general.txId()).with("retryAfterMillis", general.retryAfterMillis());
        }
        throw new IllegalArgumentException("a Success is not a problem");
    }
}
