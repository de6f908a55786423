package io.tradenet.deploy.bench;

import io.tradenet.contract.envelope.Envelope;
import io.tradenet.contract.envelope.Envelopes;
import io.tradenet.contract.messaging.EnvelopeRecords;
import io.tradenet.contract.messaging.HeaderMaps;
import io.tradenet.contract.messaging.RecordTimestamps;
import io.tradenet.contract.messaging.Topics;
import io.tradenet.contract.crypto.SigningKey;
import io.tradenet.contract.notary.NotarisationOutcome;
import io.tradenet.contract.notary.NotarisationRequest;
import io.tradenet.contract.notary.OutcomeBatch;
import io.tradenet.contract.notary.RequestBatch;
import io.tradenet.contract.party.PartyRegistry;
import io.tradenet.contract.party.Role;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A requester talking to the notary over Kafka, as the letter-of-credit service does: signed request
 * envelopes out, replies read from the replies topic in its own consumer group and matched by
 * correlation id, every reply's envelope verified. Used by the benchmark and the fault tests.
 */
public final class NotaryKafkaClient implements AutoCloseable {

    /**
     * An answer, how long it took from its request's issue (its send, or its arrival at the gateway that batched it)
     * to the answer's receipt, and of that how long its reply was on its way back:
     * from the notary's Kafka producer stamping the reply record (after the answer was sealed and had passed
     * the notary's outgoing buffer) to its receipt here, in wall-clock milliseconds (the same machine's
     * clock); -1 for a record without a producer's timestamp.
     */
    public record Timed(NotarisationOutcome outcome, long nanos, long replyTransitMillis) {
    }

    private record Waiting(CompletableFuture<Timed> answer, long issuedNanos) {
    }

    private final KafkaProducer<String, String> producer;
    private final KafkaConsumer<String, String> consumer;
    private final PartyRegistry registry;
    private final Map<String, Waiting> waiting = new ConcurrentHashMap<>();
    private final Thread reader;
    private volatile boolean running = true;

    public NotaryKafkaClient(String bootstrap, PartyRegistry registry) {
        this.registry = registry;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "1");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "notary-client-" + UUID.randomUUID());
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        consumer = new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(Topics.NOTARY_REPLIES));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (consumer.assignment().isEmpty() && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(100));
        }
        if (consumer.assignment().isEmpty()) {
            throw new IllegalStateException("no partition of " + Topics.NOTARY_REPLIES + " assigned");
        }
        consumer.seekToEnd(consumer.assignment());
        consumer.assignment().forEach(consumer::position);
        reader = new Thread(this::read, "notary-client-replies");
        reader.setDaemon(true);
        reader.start();
    }

    /** Sends one request in its own envelope, signed with {@code key}; completes with the verified answer. */
    public CompletableFuture<Timed> send(NotarisationRequest request, SigningKey key) {
        String id = UUID.randomUUID().toString();
        Envelope envelope = Envelopes.seal(Topics.TYPE_NOTARISATION_REQUESTS, null, RequestBatch.of(id, request), key);
        return send(List.of(id), request.txId(), envelope).get(0);
    }

    /**
     * Sends an already sealed envelope holding the requests with these ids (the benchmark prepares its
     * load before the clock starts); one future per request id.
     */
    public List<CompletableFuture<Timed>> send(List<String> requestIds, String key, Envelope envelope) {
        long[] now = new long[requestIds.size()];
        Arrays.fill(now, System.nanoTime());
        return send(requestIds, key, envelope, now);
    }

    /**
     * As {@link #send(List, String, Envelope)}, each request timed from its own {@code issuedNanos} ({@link System#nanoTime()}):
     * when it reached the gateway that batched it into this envelope.
     */
    public List<CompletableFuture<Timed>> send(List<String> requestIds, String key, Envelope envelope, long[] issuedNanos) {
        List<CompletableFuture<Timed>> answers = new ArrayList<>(requestIds.size());
        for (int i = 0; i < requestIds.size(); i++) {
            CompletableFuture<Timed> answer = new CompletableFuture<>();
            waiting.put(requestIds.get(i), new Waiting(answer, issuedNanos[i]));
            answers.add(answer);
        }
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.NOTARY_REQUESTS, key, envelope.value());
        envelope.headers().forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        producer.send(record, (metadata, error) -> {
            if (error != null) {
                requestIds.forEach(id -> {
                    Waiting w = waiting.remove(id);
                    if (w != null) {
                        w.answer().completeExceptionally(error);
                    }
                });
            }
        });
        return answers;
    }

    public void flush() {
        producer.flush();
    }

    public int waiting() {
        return waiting.size();
    }

    /** Forgets the requests still waiting (after a timeout on the caller's side). */
    public void abandonAll() {
        waiting.clear();
    }

    private void read() {
        while (running) {
            try {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    long now = System.nanoTime();
                    // the notary's producer stamps the record when it is handed to it (CreateTime, the topics' default)
                    OptionalLong replySent = RecordTimestamps.producerMillis(record.timestampType(), record.timestamp());
                    long replyTransitMillis = replySent.isPresent() ? Math.max(0, System.currentTimeMillis() - replySent.getAsLong()) : -1;
                    OutcomeBatch answers;
                    try {
                        answers = Envelopes.open(HeaderMaps.of(record.headers()), record.value(), Topics.TYPE_NOTARISATION_OUTCOMES,
                                Set.of(Role.NOTARY), registry).payloadAs(OutcomeBatch.class);
                    } catch (RuntimeException e) {
                        continue;
                    }
                    for (OutcomeBatch.Answer answer : answers.answers()) {
                        Waiting w = waiting.remove(answer.requestId());
                        if (w != null) {
                            w.answer().complete(new Timed(answer.outcome(), now - w.issuedNanos(), replyTransitMillis));
                        }
                    }
                }
            } catch (org.apache.kafka.common.errors.WakeupException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            reader.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close();
        producer.close(Duration.ofSeconds(5));
    }
}
