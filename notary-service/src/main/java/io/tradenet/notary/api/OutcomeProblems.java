package io.tradenet.notary.api;

import io.tradenet.contract.http.ProblemException;
import io.tradenet.contract.notary.NotarisationOutcome;

/** How each notary answer maps to HTTP: 200, 409, 422 or 503 with Retry-After. */
final class OutcomeProblems {

    private OutcomeProblems() {
    }

    static NotarisationOutcome.Success successOrThrow(NotarisationOutcome outcome) {
        if (outcome instanceof NotarisationOutcome.Success success) {
            return success;
        }
        if (outcome instanceof NotarisationOutcome.Conflict conflict) {
            throw ProblemException.conflict("notary-conflict", "a state is already consumed by another transaction")
                    .with("txId", conflict.txId()).with("conflicts", conflict.conflicts());
        }
        if (outcome instanceof NotarisationOutcome.TimeWindowInvalid window) {
            throw ProblemException.unprocessable("time-window-invalid", "the notary's time is outside the transaction's time window")
                    .with("txId", window.txId()).with("timeWindow", window.timeWindow()).with("notaryTime", window.notaryTime());
        }
        if (outcome instanceof NotarisationOutcome.TransactionInvalid invalid) {
            throw ProblemException.unprocessable("transaction-invalid", invalid.reason()).with("txId", invalid.txId());
        }
        if (outcome instanceof NotarisationOutcome.RequestSignatureInvalid invalid) {
            throw ProblemException.unprocessable("request-signature-invalid", invalid.reason()).with("txId", invalid.txId());
        }
        NotarisationOutcome.General general = (NotarisationOutcome.General) outcome;
        throw ProblemException.unavailable("notary-busy", general.reason(), (general.retryAfterMillis() + 999) / 1000)
                .with("txId", general.txId()).with("retryAfterMillis", general.retryAfterMillis());
    }
}
