package io.tradenet.notary;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tradenet.contract.envelope.Envelope;
import io.tradenet.contract.envelope.EnvelopeHeaders;
import io.tradenet.contract.envelope.Envelopes;
import io.tradenet.contract.json.Json;
import io.tradenet.contract.messaging.HeaderMaps;
import io.tradenet.contract.messaging.Topics;
import io.tradenet.contract.notary.NotarisationOutcome;
import io.tradenet.contract.notary.NotarisationRequest;
import io.tradenet.contract.notary.NotarisedBatch;
import io.tradenet.contract.notary.NotarisedTransaction;
import io.tradenet.contract.notary.OutcomeBatch;
import io.tradenet.contract.notary.RequestBatch;
import io.tradenet.contract.party.DemoNetwork;
import io.tradenet.contract.party.Role;
import io.tradenet.contract.tx.WireTransaction;
import io.tradenet.notary.commit.NotaryMetrics;
import io.tradenet.testkit.KafkaResource;
import io.tradenet.testkit.KafkaTestClient;
import io.tradenet.testkit.NetworkResource;
import io.tradenet.testkit.PostgresResource;
import io.tradenet.testkit.SharedKafka;
import io.tradenet.testkit.TestNetwork;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static io.tradenet.notary.Notarisations.BANK;
import static io.tradenet.notary.Notarisations.move;
import static org.assertj.core.api.Assertions.assertThat;

/** Request and reply over the real broker, the ledger feed, and poison records. */
@QuarkusTest
@WithTestResource(value = NetworkResource.class, initArgs = @ResourceArg(name = "party", value = "notary"))
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class NotaryKafkaTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    MeterRegistry registry;

    private static String bootstrap() {
        return SharedKafka.get().bootstrapServers();
    }

    /** A request envelope (a batch of one); the request id is the transaction id. */
    private static Envelope request(WireTransaction tx) {
        return Envelopes.seal(Topics.TYPE_NOTARISATION_REQUESTS, null, RequestBatch.of(tx.id(), NotarisationRequest.of(tx, BANK)),
                TestNetwork.key(DemoNetwork.GATEWAY));
    }

    /** The notary-signed answer to the request with this id. */
    private static NotarisationOutcome awaitReply(String requestId) {
        List<ConsumerRecord<String, String>> seen = KafkaTestClient.readUntil(bootstrap(), Topics.NOTARY_REPLIES,
                r -> r.value().contains(requestId), WAIT);
        ConsumerRecord<String, String> last = seen.get(seen.size() - 1);
        Envelope reply = Envelopes.open(HeaderMaps.of(last.headers()), last.value(), Topics.TYPE_NOTARISATION_OUTCOMES,
                Set.of(Role.NOTARY), TestNetwork.registry());
        return reply.payloadAs(OutcomeBatch.class).answers().stream().filter(a -> a.requestId().equals(requestId))
                .findFirst().orElseThrow().outcome();
    }

    @Test
    void aSignedRequestOnKafkaIsAnsweredOnTheRepliesTopicWithTheRequestsId() {
        WireTransaction tx = move(List.of(), List.of());
        KafkaTestClient.send(bootstrap(), Topics.NOTARY_REQUESTS, tx.id(), request(tx));

        NotarisationOutcome outcome = awaitReply(tx.id());
        assertThat(outcome).isInstanceOf(NotarisationOutcome.Success.class);
        assertThat(outcome.txId()).isEqualTo(tx.id());
    }

    @Test
    void aRecordOfRequestsIsTimedFromItsProducersTimestampToTheNotaryBeginningOnIt() {
        Timer age = registry.get(NotaryMetrics.REQUEST_AGE).timer();
        long countBefore = age.count();
        double secondsBefore = age.totalTime(TimeUnit.SECONDS);
        WireTransaction tx = move(List.of(), List.of());
        // as if the requester's producer had sent it five seconds ago (a broker or a consumer falling behind)
        KafkaTestClient.send(bootstrap(), Topics.NOTARY_REQUESTS, tx.id(), request(tx), Instant.now().minusSeconds(5));

        assertThat(awaitReply(tx.id())).isInstanceOf(NotarisationOutcome.Success.class);
        assertThat(age.count() - countBefore).isGreaterThanOrEqualTo(1);
        assertThat(age.totalTime(TimeUnit.SECONDS) - secondsBefore).isGreaterThanOrEqualTo(5.0);
    }

    @Test
    void everyNotarisedTransactionIsPublishedForTheLedgerSignedAndSequenced() {
        WireTransaction tx = move(List.of(), List.of());
        KafkaTestClient.send(bootstrap(), Topics.NOTARY_REQUESTS, tx.id(), request(tx));

        List<ConsumerRecord<String, String>> seen = KafkaTestClient.readUntil(bootstrap(), Topics.NOTARISED_TRANSACTIONS,
                r -> r.value().contains(tx.id()), WAIT);
        ConsumerRecord<String, String> record = seen.get(seen.size() - 1);
        Envelope envelope = Envelopes.open(HeaderMaps.of(record.headers()), record.value(), Topics.TYPE_NOTARISED_TRANSACTIONS,
                Set.of(Role.NOTARY), TestNetwork.registry());
        NotarisedTransaction notarised = envelope.payloadAs(NotarisedBatch.class).transactions().stream()
                .filter(n -> n.txId().equals(tx.id())).findFirst().orElseThrow();
        notarised.verify(TestNetwork.registry());
        assertThat(notarised.sequence()).isGreaterThanOrEqualTo(0);
        assertThat(WireTransaction.idOf(notarised.transaction())).isEqualTo(tx.id());
    }

    @Test
    void aGarbageRecordGoesToTheDeadLetterTopicWithTheReasonAndTheConsumerGoesOn() {
        String garbage = "{not json at all " + System.nanoTime();
        KafkaTestClient.send(bootstrap(), Topics.NOTARY_REQUESTS, "poison", garbage);
        // the gateway's signature, but a bank named as signer in the headers
        Envelope genuine = request(move(List.of(), List.of()));
        Map<String, String> forgedHeaders = new HashMap<>(genuine.headers());
        forgedHeaders.put(EnvelopeHeaders.SIGNER, DemoNetwork.ISSUING_BANK);
        String tampered = genuine.value();
        KafkaTestClient.send(bootstrap(), Topics.NOTARY_REQUESTS, "forged", tampered, forgedHeaders);

        List<ConsumerRecord<String, String>> dead = KafkaTestClient.readUntil(bootstrap(), Topics.NOTARY_REQUESTS_DLQ,
                r -> garbage.equals(r.value()), WAIT);
        ConsumerRecord<String, String> poison = dead.get(dead.size() - 1);
        assertThat(header(poison, EnvelopeHeaders.DEAD_LETTER_REASON)).contains("unsigned record");
        assertThat(header(poison, EnvelopeHeaders.DEAD_LETTER_TOPIC)).isEqualTo(Topics.NOTARY_REQUESTS);
        List<ConsumerRecord<String, String>> deadForged = KafkaTestClient.readUntil(bootstrap(), Topics.NOTARY_REQUESTS_DLQ,
                r -> tampered.equals(r.value()), WAIT);
        assertThat(header(deadForged.get(deadForged.size() - 1), EnvelopeHeaders.DEAD_LETTER_REASON)).contains("does not verify");

        // the partition is not blocked: a valid request behind the poison is answered
        WireTransaction tx = move(List.of(), List.of());
        KafkaTestClient.send(bootstrap(), Topics.NOTARY_REQUESTS, "poison", request(tx));
        assertThat(awaitReply(tx.id())).isInstanceOf(NotarisationOutcome.Success.class);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
