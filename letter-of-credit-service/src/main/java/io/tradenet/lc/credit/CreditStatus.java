package io.tradenet.lc.credit;

/** Where a credit is in its UCP 600 life. */
public enum CreditStatus {
    /** Submitted for issue, waiting for the notary. */
    PENDING_ISSUE,
    ISSUED,
    ADVISED,
    CONFIRMED,
    EXPIRED,
    CANCELLED,
    FULLY_DRAWN
}
