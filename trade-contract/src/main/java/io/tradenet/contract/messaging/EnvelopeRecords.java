package io.tradenet.contract.messaging;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.tradenet.contract.envelope.Envelope;
import io.tradenet.contract.envelope.EnvelopeHeaders;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.nio.charset.StandardCharsets;

/** An envelope as an outgoing Kafka record: the envelope JSON as value, its fields copied to headers. */
public final class EnvelopeRecords {

    private EnvelopeRecords() {
    }

    public static Message<String> message(Envelope envelope, String key) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(EnvelopeHeaders.TYPE, utf8(envelope.type()));
        headers.add(EnvelopeHeaders.ID, utf8(envelope.id()));
        headers.add(EnvelopeHeaders.SIGNER, utf8(envelope.signer()));
        if (envelope.correlationId() != null) {
            headers.add(EnvelopeHeaders.CORRELATION_ID, utf8(envelope.correlationId()));
        }
        return Message.of(envelope.toJson()).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(key).withHeaders(headers).build());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
