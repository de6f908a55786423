package io.tradenet.lc.notarisation;

import io.tradenet.contract.http.ProblemException;
import io.tradenet.contract.notary.NotarisationOutcome;

/** The notary's refusals as problem documents for the parties: 409, 422, or 503 with Retry-After. */
public final class OutcomeProblems {

    private OutcomeProblems() {
    }

    public static ProblemException problem(NotarisationOutcome outcome) {
        if (outcome instanceof NotarisationOutcome.Conflict conflict) {
            return ProblemException.conflict("notary-conflict", "a state this transaction consumes is already consumed "
                    + "(double spend refused by the notary)").with("txId", conflict.txId()).with("conflicts", conflict.conflicts());
        }
        if (outcome instanceof NotarisationOutcome.TimeWindowInvalid window) {
            return ProblemException.unprocessable("time-window-invalid", "the notary's time is outside the instruction's time window")
                    .with("txId", window.txId()).with("notaryTime", window.notaryTime()).with("timeWindow", window.timeWindow());
        }
        if (outcome instanceof NotarisationOutcome.TransactionInvalid invalid) {
            return ProblemException.unprocessable("transaction-invalid", invalid.reason()).with("txId", invalid.txId());
        }
        if (outcome instanceof NotarisationOutcome.RequestSignatureInvalid invalid) {
            return ProblemException.forbidden("request-signature-invalid", invalid.reason()).with("txId", invalid.txId());
        }
        NotarisationOutcome.General general = (NotarisationOutcome.General) outcome;
        return ProblemException.unavailable("notary-unavailable", general.reason(), (general.retryAfterMillis() + 999) / 1000)
                .with("txId", general.txId());
    }
}
