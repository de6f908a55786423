package io.tradenet.contract.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.tradenet.contract.envelope.EnvelopeHeaders;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionStage;

/**
 * Moves a record that must not be acted on to {@code <topic>-dlq}, unchanged, with the reason and its
 * origin (topic, partition, offset) in headers, so the consumer can acknowledge it and go on: a poison
 * record never blocks its partition. Counted as {@code tradenet_dead_letters_total{topic}}.
 */
@ApplicationScoped
public class DeadLetterPublisher {

    /** The outgoing channel; each record's topic is set to the dead-letter topic of its origin. */
    public static final String CHANNEL = "dead-letters";

    /** The counter of records moved to a dead-letter topic, tagged {@code topic} (the origin): the same name in every service. */
    public static final String METRIC = "tradenet.dead.letters";

    private final MutinyEmitter<String> emitter;
    private final MeterRegistry registry;

    @Inject
    public DeadLetterPublisher(@Channel(CHANNEL) MutinyEmitter<String> emitter, MeterRegistry registry) {
        this.emitter = emitter;
        this.registry = registry;
    }

    /** Moves a received record (its headers kept) to its topic's dead-letter topic with the reason. */
    public CompletionStage<Void> send(Message<String> record, String reason) {
        IncomingKafkaRecordMetadata<?, ?> in = record.getMetadata(IncomingKafkaRecordMetadata.class).orElseThrow();
        return send(in.getTopic(), in.getPartition(), in.getOffset(), in.getKey() == null ? null : in.getKey().toString(),
                record.getPayload(), in.getHeaders(), reason);
    }

    public CompletionStage<Void> send(String topic, int partition, long offset, String key, String value, Headers original, String reason) {
        RecordHeaders headers = new RecordHeaders();
        if (original != null) {
            for (Header header : original) {
                headers.add(header);
            }
        }
        headers.add(EnvelopeHeaders.DEAD_LETTER_REASON, utf8(reason));
        headers.add(EnvelopeHeaders.DEAD_LETTER_TOPIC, utf8(topic));
        headers.add(EnvelopeHeaders.DEAD_LETTER_PARTITION, utf8(Integer.toString(partition)));
        headers.add(EnvelopeHeaders.DEAD_LETTER_OFFSET, utf8(Long.toString(offset)));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(Topics.deadLetter(topic)).withKey(key).withHeaders(headers).build();
        counter(registry, topic).increment();
        return emitter.sendMessage(Message.of(value == null ? "" : value).addMetadata(metadata)).subscribeAsCompletionStage();
    }

    /**
     * The dead-letter counter of records from {@code topic}; each service registers it at start for every
     * topic it consumes, so the series exists (at 0) before the first dead letter.
     */
    public static Counter counter(MeterRegistry registry, String topic) {
        return Counter.builder(METRIC).tag("topic", topic).description("records moved to a dead-letter topic").register(registry);
    }

    private static byte[] utf8(String s) {
        return (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
    }
}
