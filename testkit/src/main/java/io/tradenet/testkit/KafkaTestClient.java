package io.tradenet.testkit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/** A plain Kafka producer and consumer for tests: put raw records on a topic, read what arrives. */
public final class KafkaTestClient {

    private KafkaTestClient() {
    }

    /** Puts an envelope on a topic: its payload as the value, its fields and signature as headers. */
    public static void send(String bootstrap, String topic, String key, io.tradenet.contract.envelope.Envelope envelope) {
        send(bootstrap, topic, key, envelope.value(), envelope.headers());
    }

    public static void send(String bootstrap, String topic, String key, String value) {
        send(bootstrap, topic, key, value, java.util.Map.of());
    }

    public static void send(String bootstrap, String topic, String key, String value, java.util.Map<String, String> headers) {
        send(bootstrap, topic, key, value, headers, null);
    }

    /** Puts an envelope on a topic with this record timestamp, as if its producer had sent it then. */
    public static void send(String bootstrap, String topic, String key, io.tradenet.contract.envelope.Envelope envelope,
                            java.time.Instant timestamp) {
        send(bootstrap, topic, key, envelope.value(), envelope.headers(), timestamp);
    }

    private static void send(String bootstrap, String topic, String key, String value, java.util.Map<String, String> headers,
                             java.time.Instant timestamp) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, null, timestamp == null ? null : timestamp.toEpochMilli(),
                    key, value);
            headers.forEach((name, v) -> record.headers().add(name, v.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot send to " + topic, e);
        }
    }

    /** Reads the topic from the beginning until a record matches or the timeout passes. */
    public static List<ConsumerRecord<String, String>> readUntil(String bootstrap, String topic,
                                                                 Predicate<ConsumerRecord<String, String>> wanted, Duration timeout) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    seen.add(record);
                    if (wanted.test(record)) {
                        return seen;
                    }
                }
            }
        }
        throw new AssertionError("no matching record on " + topic + " within " + timeout + " (saw " + seen.size() + ")");
    }

    /** Longest wait for one Admin call, so a broker that stopped answering fails the test rather than hangs it. */
    private static final long ADMIN_CALL_SECONDS = 30;

    /**
     * Waits until {@code group} has committed every record of {@code topic} (each partition's committed offset
     * is its end offset): what proves that a consumer acknowledged each record, including those it only
     * dead-lettered, since a commit never passes a record that was not acknowledged.
     */
    public static void awaitCommittedToEnd(String bootstrap, String group, String topic, Duration timeout) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        Map<TopicPartition, Long> ends = Map.of();
        Map<TopicPartition, Long> committed = Map.of();
        try (Admin admin = Admin.create(props)) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                admin.describeTopics(List.of(topic)).allTopicNames().get(ADMIN_CALL_SECONDS, TimeUnit.SECONDS).get(topic).partitions()
                        .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
                Map<TopicPartition, Long> endNow = new HashMap<>();
                admin.listOffsets(latest).all().get(ADMIN_CALL_SECONDS, TimeUnit.SECONDS).forEach((partition, info) -> endNow.put(partition, info.offset()));
                Map<TopicPartition, Long> committedNow = new HashMap<>();
                Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                        .get(ADMIN_CALL_SECONDS, TimeUnit.SECONDS);
                offsets.forEach((partition, offset) -> {
                    if (offset != null && partition.topic().equals(topic)) {
                        committedNow.put(partition, offset.offset());
                    }
                });
                ends = endNow;
                committed = committedNow;
                if (endNow.entrySet().stream().allMatch(e -> e.getValue() == 0 || committedNow.getOrDefault(e.getKey(), -1L) >= e.getValue())) {
                    return;
                }
                Thread.sleep(250);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the offsets of " + topic, e);
        }
        throw new AssertionError("group " + group + " has not committed " + topic + " to its end within " + timeout
                + ": committed " + committed + ", end " + ends);
    }
}
