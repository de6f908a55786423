package io.tradenet.ledger;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tradenet.contract.envelope.Envelope;
import io.tradenet.contract.envelope.Envelopes;
import io.tradenet.contract.json.Json;
import io.tradenet.contract.ledger.AuditBatch;
import io.tradenet.contract.ledger.AuditEvent;
import io.tradenet.contract.messaging.HeaderMaps;
import io.tradenet.contract.messaging.Topics;
import io.tradenet.contract.notary.NotarisedTransaction;
import io.tradenet.contract.party.DemoNetwork;
import io.tradenet.contract.party.Role;
import io.tradenet.contract.tx.WireTransaction;
import io.tradenet.testkit.KafkaResource;
import io.tradenet.testkit.KafkaTestClient;
import io.tradenet.testkit.NetworkResource;
import io.tradenet.testkit.PostgresResource;
import io.tradenet.testkit.SharedKafka;
import io.tradenet.testkit.SseClient;
import io.tradenet.testkit.TestNetwork;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import static io.tradenet.ledger.NotarisedFixtures.issue;
import static io.tradenet.ledger.NotarisedFixtures.latestCheckpoint;
import static io.tradenet.ledger.NotarisedFixtures.notarise;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The audit stream under load (issue: "Stream test"): a regulator subscribed from index 0 while entries
 * arrive, disconnected and resumed with Last-Event-ID, receives every entry exactly once and in order;
 * a party that is not a regulator receives only the entries it is party to; the ledger-audit Kafka topic
 * carries the same entries, gap-free, in signed batches.
 */
@QuarkusTest
@WithTestResource(value = NetworkResource.class, initArgs = @ResourceArg(name = "party", value = "ledger"))
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class AuditStreamUnderLoadTest {

    private static final int LOAD = 600;
    private static final List<String> PARTIES = List.of(DemoNetwork.ISSUING_BANK, DemoNetwork.APPLICANT, DemoNetwork.CARRIER);

    @TestHTTPResource("/api/audit/stream")
    URL stream;

    @Test
    void aRegulatorResumingWithLastEventIdGetsEveryEntryOnceInOrderAndOtherPartiesOnlyTheirOwn() throws Exception {
        long start = latestCheckpoint().size();
        long target = start + LOAD;
        CompletableFuture<Void> load = CompletableFuture.runAsync(() -> {
            for (int batch = 0; batch < LOAD / 50; batch++) {
                List<WireTransaction> txs = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    txs.add(issue(PARTIES.get((batch * 50 + i) % PARTIES.size()), List.of()));
                }
                notarise(txs).forEach(NotarisedFixtures::publish);
            }
        });

        String regulator = TestNetwork.bearer(DemoNetwork.REGULATOR);
        List<AuditEvent> received = new ArrayList<>();
        String lastId;
        try (SseClient first = new SseClient(stream + "?from=0", Map.of("Authorization", regulator))) {
            List<SseClient.Event> events = first.take((int) (start + LOAD / 3), Duration.ofSeconds(60));
            events.forEach(e -> received.add(Json.read(e.data(), AuditEvent.class)));
            lastId = events.get(events.size() - 1).id();
        } // disconnect mid-load
        try (SseClient resumed = new SseClient(stream.toString(), Map.of("Authorization", regulator, "Last-Event-ID", lastId))) {
            resumed.take((int) (target - received.size()), Duration.ofSeconds(90))
                    .forEach(e -> received.add(Json.read(e.data(), AuditEvent.class)));
        }
        load.get();
        List<Long> indexes = received.stream().map(AuditEvent::index).toList();
        assertThat(indexes).as("every entry exactly once, in order").containsExactlyElementsOf(range(0, target));

        // a carrier sees exactly the entries it is party to, in order, nothing else
        List<Long> carriers = received.stream().filter(e -> concerns(e.entry().transaction(), DemoNetwork.CARRIER)).map(AuditEvent::index).toList();
        assertThat(carriers).hasSizeGreaterThanOrEqualTo(LOAD / PARTIES.size());
        try (SseClient carrier = new SseClient(stream + "?from=0", Map.of("Authorization", TestNetwork.bearer(DemoNetwork.CARRIER)))) {
            List<Long> seen = carrier.take(carriers.size(), Duration.ofSeconds(60)).stream().map(e -> Long.parseLong(e.id())).toList();
            assertThat(seen).containsExactlyElementsOf(carriers);
            assertThat(carrier.take(1, Duration.ofSeconds(2))).as("nothing beyond its own entries").isEmpty();
        }

        // the Kafka audit topic: signed batches, every entry once after dropping repeats, no gap
        TreeMap<Long, String> topic = new TreeMap<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            readAuditTopic(topic, target);
            return topic.size() >= target;
        });
        assertThat(topic.firstKey()).isZero();
        assertThat(topic.lastKey()).isEqualTo(target - 1);
        for (AuditEvent event : received) {
            assertThat(topic.get(event.index())).isEqualTo(event.leafHash());
        }
    }

    private static void readAuditTopic(TreeMap<Long, String> into, long target) {
        List<ConsumerRecord<String, String>> records;
        try {
            records = KafkaTestClient.readUntil(SharedKafka.get().bootstrapServers(), Topics.LEDGER_AUDIT,
                    r -> r.value().contains("\"index\":" + (target - 1) + ","), Duration.ofSeconds(10));
        } catch (AssertionError notYet) {
            return;
        }
        for (ConsumerRecord<String, String> record : records) {
            Envelope envelope = Envelopes.open(HeaderMaps.of(record.headers()), record.value(), Topics.TYPE_AUDIT_EVENTS,
                    Set.of(Role.LEDGER), TestNetwork.registry());
            for (AuditEvent event : envelope.payloadAs(AuditBatch.class).events()) {
                String previous = into.put(event.index(), event.leafHash());
                assertThat(previous == null || previous.equals(event.leafHash())).as("a repeat carries the same entry").isTrue();
            }
        }
    }

    private static boolean concerns(NotarisedTransaction notarised, String party) {
        if (party.equals(notarised.requester())) {
            return true;
        }
        WireTransaction tx = notarised.parsedTransaction();
        return tx.outputs().stream().anyMatch(o -> o.participants().contains(party))
                || tx.commands().stream().anyMatch(c -> party.equals(c.signer()));
    }

    private static List<Long> range(long from, long to) {
        List<Long> out = new ArrayList<>();
        for (long i = from; i < to; i++) {
            out.add(i);
        }
        return out;
    }
}
