package io.tradenet.contract.trade;

/**
 * The instruction actions of the trade protocol (the {@code action} of a signed instruction) and the
 * state types they create. Parties' tools and the letter-of-credit service use these names.
 */
public final class Actions {

    /** Issuing bank issues a credit; body {@code {"credit": CreditTerms}}. */
    public static final String ISSUE_CREDIT = "IssueCredit";

    public static final String STATE_LETTER_OF_CREDIT = "LetterOfCredit";

    private Actions() {
    }
}
