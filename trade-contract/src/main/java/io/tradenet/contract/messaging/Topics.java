package io.tradenet.contract.messaging;

/**
 * Every Kafka topic of the network, defined once. SmallRye channels carry the same names, so the
 * channel name is the topic name. Each consumed topic has a dead-letter topic named {@code <topic>-dlq}.
 */
public final class Topics {

    /** Notarisation requests (envelope type {@link #TYPE_NOTARISATION_REQUESTS}, payload RequestBatch). */
    public static final String NOTARY_REQUESTS = "notary-requests";
    /** Notary answers (type {@link #TYPE_NOTARISATION_OUTCOMES}, payload OutcomeBatch), correlated by request id. */
    public static final String NOTARY_REPLIES = "notary-replies";
    /** Every transaction the notary committed (type {@link #TYPE_NOTARISED_TRANSACTIONS}, payload NotarisedBatch): the ledger's source. */
    public static final String NOTARISED_TRANSACTIONS = "notarised-transactions";
    /**
     * The ledger's audit stream (type {@link #TYPE_AUDIT_EVENTS}, payload AuditBatch): every entry, in
     * order, on one partition. After a ledger restart or a failed send the relay sends again from the last
     * acknowledged page, so events may repeat, or arrive ahead of one being sent again: keep only the
     * event with the next index you expect and drop every other.
     */
    public static final String LEDGER_AUDIT = "ledger-audit";

    public static final String TYPE_NOTARISATION_REQUESTS = "NotarisationRequests";
    public static final String TYPE_NOTARISATION_OUTCOMES = "NotarisationOutcomes";
    public static final String TYPE_NOTARISED_TRANSACTIONS = "NotarisedTransactions";
    public static final String TYPE_AUDIT_EVENTS = "AuditEvents";

    private Topics() {
    }

    public static String deadLetter(String topic) {
        return topic + "-dlq";
    }

    public static final String NOTARY_REQUESTS_DLQ = NOTARY_REQUESTS + "-dlq";
    public static final String NOTARY_REPLIES_DLQ = NOTARY_REPLIES + "-dlq";
    public static final String NOTARISED_TRANSACTIONS_DLQ = NOTARISED_TRANSACTIONS + "-dlq";
}
