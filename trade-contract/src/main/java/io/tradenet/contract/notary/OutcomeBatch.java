package io.tradenet.contract.notary;

import java.util.List;
import java.util.Objects;

/**
 * The payload of a {@code NotarisationOutcomes} envelope: answers, each with the id of the request it
 * answers. The notary answers a whole poll of requests with one signed envelope (or a few, to keep
 * records small); each Success still carries its own verifiable notary signature.
 */
public record OutcomeBatch(List<Answer> answers) {

    public static final int MAX_ANSWERS = 200;

    public OutcomeBatch {
        answers = List.copyOf(Objects.requireNonNull(answers, "answers"));
    }

    /** The answer to the request with {@code requestId}. */
    public record Answer(String requestId, NotarisationOutcome outcome) {
        public Answer {
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(outcome, "outcome");
        }
    }
}
