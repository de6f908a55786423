package io.tradenet.contract.messaging;

import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.tradenet.contract.envelope.Envelope;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Envelopes as Kafka records: the payload as the value, the envelope's fields and signature as headers. */
public final class EnvelopeRecords {

    private EnvelopeRecords() {
    }

    public static Message<String> message(Envelope envelope, String key) {
        RecordHeaders headers = new RecordHeaders();
        envelope.headers().forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        return Message.of(envelope.value()).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(key).withHeaders(headers).build());
    }

    /** The headers of a received record as strings (last value wins). */
    public static Map<String, String> headers(Message<?> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class).map(m -> HeaderMaps.of(m.getHeaders())).orElse(Map.of());
    }
}
