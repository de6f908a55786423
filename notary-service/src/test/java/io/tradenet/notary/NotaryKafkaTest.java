package io.tradenet.notary;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tradenet.contract.envelope.Envelope;
import io.tradenet.contract.envelope.EnvelopeHeaders;
import io.tradenet.contract.envelope.Envelopes;
import io.tradenet.contract.json.Json;
import io.tradenet.contract.messaging.Topics;
import io.tradenet.contract.notary.NotarisationOutcome;
import io.tradenet.contract.notary.NotarisationRequest;
import io.tradenet.contract.notary.NotarisedTransaction;
import io.tradenet.contract.party.DemoNetwork;
import io.tradenet.contract.party.Role;
import io.tradenet.contract.tx.WireTransaction;
import io.tradenet.testkit.KafkaResource;
import io.tradenet.testkit.KafkaTestClient;
import io.tradenet.testkit.NetworkResource;
import io.tradenet.testkit.PostgresResource;
import io.tradenet.testkit.SharedKafka;
import io.tradenet.testkit.TestNetwork;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;

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

    private static String bootstrap() {
        return SharedKafka.get().bootstrapServers();
    }

    private static Envelope request(WireTransaction tx) {
        return Envelopes.seal(Topics.TYPE_NOTARISATION_REQUEST, null, NotarisationRequest.of(tx, BANK),
                TestNetwork.key(DemoNetwork.GATEWAY));
    }

    private static Envelope awaitReply(Envelope request) {
        List<ConsumerRecord<String, String>> seen = KafkaTestClient.readUntil(bootstrap(), Topics.NOTARY_REPLIES,
                r -> r.value().contains(request.id()), WAIT);
        Envelope reply = Envelopes.open(seen.get(seen.size() - 1).value(), Topics.TYPE_NOTARISATION_OUTCOME,
                Set.of(Role.NOTARY), TestNetwork.registry());
        assertThat(reply.correlationId()).isEqualTo(request.id());
        return reply;
    }

    @Test
    void aSignedRequestOnKafkaIsAnsweredOnTheRepliesTopicWithTheRequestIdAsCorrelationId() {
        WireTransaction tx = move(List.of(), List.of());
        Envelope request = request(tx);
        KafkaTestClient.send(bootstrap(), Topics.NOTARY_REQUESTS, tx.id(), request.toJson());

        NotarisationOutcome outcome = awaitReply(request).payloadAs(NotarisationOutcome.class);
        assertThat(outcome).isInstanceOf(NotarisationOutcome.Success.class);
        assertThat(outcome.txId()).isEqualTo(tx.id());
    }

    @Test
    void everyNotarisedTransactionIsPublishedForTheLedgerSignedAndSequenced() {
        WireTransaction tx = move(List.of(), List.of());
        KafkaTestClient.send(bootstrap(), Topics.NOTARY_REQUESTS, tx.id(), request(tx).toJson());

        List<ConsumerRecord<String, String>> seen = KafkaTestClient.readUntil(bootstrap(), Topics.NOTARISED_TRANSACTIONS,
                r -> tx.id().equals(r.key()), WAIT);
        Envelope envelope = Envelopes.open(seen.get(seen.size() - 1).value(), Topics.TYPE_NOTARISED_TRANSACTION,
                Set.of(Role.NOTARY), TestNetwork.registry());
        NotarisedTransaction notarised = envelope.payloadAs(NotarisedTransaction.class);
        notarised.verify(TestNetwork.registry());
        assertThat(notarised.sequence()).isGreaterThanOrEqualTo(0);
        assertThat(WireTransaction.idOf(notarised.transaction())).isEqualTo(tx.id());
    }

    @Test
    void aGarbageRecordGoesToTheDeadLetterTopicWithTheReasonAndTheConsumerGoesOn() {
        String garbage = "{not json at all " + System.nanoTime();
        KafkaTestClient.send(bootstrap(), Topics.NOTARY_REQUESTS, "poison", garbage);
        Envelope forged = request(move(List.of(), List.of()));
        String tampered = Json.write(new Envelope(forged.type(), forged.id(), forged.correlationId(), DemoNetwork.ISSUING_BANK,
                forged.payload(), forged.signature()));
        KafkaTestClient.send(bootstrap(), Topics.NOTARY_REQUESTS, "forged", tampered);

        List<ConsumerRecord<String, String>> dead = KafkaTestClient.readUntil(bootstrap(), Topics.NOTARY_REQUESTS_DLQ,
                r -> garbage.equals(r.value()), WAIT);
        ConsumerRecord<String, String> poison = dead.get(dead.size() - 1);
        assertThat(header(poison, EnvelopeHeaders.DEAD_LETTER_REASON)).contains("unparseable envelope");
        assertThat(header(poison, EnvelopeHeaders.DEAD_LETTER_TOPIC)).isEqualTo(Topics.NOTARY_REQUESTS);
        List<ConsumerRecord<String, String>> deadForged = KafkaTestClient.readUntil(bootstrap(), Topics.NOTARY_REQUESTS_DLQ,
                r -> tampered.equals(r.value()), WAIT);
        assertThat(header(deadForged.get(deadForged.size() - 1), EnvelopeHeaders.DEAD_LETTER_REASON)).contains("does not verify");

        // the partition is not blocked: a valid request behind the poison is answered
        WireTransaction tx = move(List.of(), List.of());
        Envelope request = request(tx);
        KafkaTestClient.send(bootstrap(), Topics.NOTARY_REQUESTS, "poison", request.toJson());
        assertThat(awaitReply(request).payloadAs(NotarisationOutcome.class)).isInstanceOf(NotarisationOutcome.Success.class);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
