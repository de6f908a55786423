package io.tradenet.ledger.messaging;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.tradenet.contract.envelope.Envelope;
import io.tradenet.contract.envelope.Envelopes;
import io.tradenet.contract.json.Json;
import io.tradenet.contract.messaging.DeadLetterPublisher;
import io.tradenet.contract.messaging.Topics;
import io.tradenet.contract.notary.NotarisedTransaction;
import io.tradenet.contract.party.NetworkIdentity;
import io.tradenet.contract.party.Role;
import io.tradenet.ledger.append.Appender;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Consumes the notary's notarised transactions. Each record is verified before it is appended (envelope
 * signed by a registered notary, transaction id, notary batch signature); a record that fails goes to
 * {@value Topics#NOTARISED_TRANSACTIONS_DLQ} with the reason. A record is acknowledged only once its
 * entry is durable, so a crash never loses one; a redelivered one is recognised and dropped.
 */
@ApplicationScoped
public class NotarisedTransactionConsumer {

    private static final Logger LOG = Logger.getLogger(NotarisedTransactionConsumer.class);

    @Inject
    Appender appender;

    @Inject
    DeadLetterPublisher deadLetters;

    @Inject
    NetworkIdentity identity;

    @Incoming(Topics.NOTARISED_TRANSACTIONS)
    @Blocking
    public CompletionStage<Void> consume(KafkaRecordBatch<String, String> batch) {
        long received = System.nanoTime();
        List<Appender.Incoming> valid = new ArrayList<>();
        Map<Appender.Incoming, KafkaRecord<String, String>> origin = new IdentityHashMap<>();
        List<CompletableFuture<?>> sends = new ArrayList<>();
        for (KafkaRecord<String, String> record : batch.getRecords()) {
            try {
                Envelope envelope = Envelopes.open(record.getPayload(), Topics.TYPE_NOTARISED_TRANSACTION, Set.of(Role.NOTARY),
                        identity.registry());
                NotarisedTransaction notarised = Json.bind(envelope.payload(), NotarisedTransaction.class);
                appender.verify(notarised);
                Appender.Incoming incoming = new Appender.Incoming(notarised, () -> record.ack(), received);
                valid.add(incoming);
                origin.put(incoming, record);
            } catch (RuntimeException e) {
                sends.add(deadLetter(record, e.getMessage()));
            }
        }
        try {
            for (Appender.Incoming refused : appender.offer(valid)) {
                sends.add(deadLetter(origin.get(refused), "sequence " + refused.transaction().sequence()
                        + " is already taken by another transaction"));
            }
        } catch (SQLException e) {
            // nothing acknowledged for what is not durable; the appender retries what it holds
            LOG.warnf("append failed, will retry: %s", e.getMessage());
        }
        return CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new));
    }

    private CompletableFuture<Void> deadLetter(KafkaRecord<String, String> record, String reason) {
        long offset = record.getMetadata(IncomingKafkaRecordMetadata.class).map(IncomingKafkaRecordMetadata::getOffset).orElse(-1L);
        return deadLetters.send(record.getTopic(), record.getPartition(), offset, record.getKey(), record.getPayload(), reason)
                .toCompletableFuture().thenCompose(v -> record.ack().toCompletableFuture());
    }
}
