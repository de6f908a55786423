package io.tradenet.contract.envelope;

/** Kafka header names: the envelope's own fields and signature, and the dead-letter reason. */
public final class EnvelopeHeaders {
    public static final String TYPE = "tradenet-type";
    public static final String ID = "tradenet-id";
    public static final String CORRELATION_ID = "tradenet-correlation-id";
    public static final String SIGNER = "tradenet-signer";
    public static final String SIGNATURE = "tradenet-signature";
    /** Same header names SmallRye Reactive Messaging uses for its own dead-letter queue. */
    public static final String DEAD_LETTER_REASON = "dead-letter-reason";
    public static final String DEAD_LETTER_TOPIC = "dead-letter-topic";
    public static final String DEAD_LETTER_PARTITION = "dead-letter-partition";
    public static final String DEAD_LETTER_OFFSET = "dead-letter-offset";

    private EnvelopeHeaders() {
    }
}
