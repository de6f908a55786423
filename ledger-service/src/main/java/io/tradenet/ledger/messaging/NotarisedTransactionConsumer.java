package io.tradenet.ledger.messaging;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.tradenet.contract.envelope.Envelope;
import io.tradenet.contract.envelope.Envelopes;
import io.tradenet.contract.messaging.DeadLetterPublisher;
import io.tradenet.contract.messaging.EnvelopeRecords;
import io.tradenet.contract.messaging.HeaderMaps;
import io.tradenet.contract.messaging.Topics;
import io.tradenet.contract.notary.NotarisedBatch;
import io.tradenet.contract.notary.NotarisedTransaction;
import io.tradenet.contract.party.NetworkIdentity;
import io.tradenet.contract.party.Role;
import io.tradenet.ledger.append.Appender;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Consumes the notary's notarised transactions. Each record is verified before it is appended (envelope
 * signed by a registered notary, transaction id, notary batch signature); a record that fails goes to
 * {@value Topics#NOTARISED_TRANSACTIONS_DLQ} with the reason. A record is acknowledged only once its
 * entry is durable, so a crash never loses one; a redelivered one is recognised and dropped. Verified
 * transactions are {@link Appender#submit submitted} to the appender's thread, so this method verifies
 * the next poll while the previous one is written.
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
        List<CompletableFuture<?>> sends = new ArrayList<>();
        for (KafkaRecord<String, String> record : batch.getRecords()) {
            List<NotarisedTransaction> transactions;
            List<String> canonical = new ArrayList<>();
            try {
                Envelope envelope = Envelopes.open(HeaderMaps.of(record.getHeaders()), record.getPayload(),
                        Topics.TYPE_NOTARISED_TRANSACTIONS, Set.of(Role.NOTARY), identity.registry());
                transactions = envelope.payloadAs(NotarisedBatch.class).transactions();
                transactions.forEach(notarised -> canonical.add(appender.verify(notarised)));
            } catch (RuntimeException e) {
                sends.add(deadLetter(record, e.getMessage()));
                continue;
            }
            // the record is acknowledged once every transaction in it is durable (or recognised as a repeat)
            AtomicInteger remaining = new AtomicInteger(transactions.size());
            Runnable acknowledge = () -> {
                if (remaining.decrementAndGet() == 0) {
                    record.ack();
                }
            };
            for (int i = 0; i < transactions.size(); i++) {
                NotarisedTransaction notarised = transactions.get(i);
                valid.add(new Appender.Incoming(notarised, canonical.get(i), acknowledge,
                        () -> deadLetterRefused(record, notarised, acknowledge), received));
            }
        }
        if (valid.isEmpty()) {
            return CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new));
        }
        try {
            // returns once the append thread has the batch, so the next poll is opened and verified while this one
            // is written; each record is acknowledged when its transactions are durable
            appender.submit(valid);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(e); // the channel fails rather than leave a gap that nothing fills
        }
        return CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new));
    }

    /**
     * A transaction under a sequence the ledger already gave to another one: to the dead-letter topic, then
     * acknowledged. If that fails, its record is nacked, which fails the channel (so the service restarts and
     * the record comes again) rather than leave it unacknowledged.
     */
    private void deadLetterRefused(KafkaRecord<String, String> record, NotarisedTransaction refused, Runnable acknowledge) {
        String reason = "sequence " + refused.sequence() + " is already taken by another transaction than " + refused.txId();
        try {
            deadLetters.send(record, reason).whenComplete((sent, failure) -> {
                if (failure == null) {
                    acknowledge.run();
                } else {
                    record.nack(failure);
                }
            });
        } catch (RuntimeException e) {
            record.nack(e);
        }
    }

    private CompletableFuture<Void> deadLetter(KafkaRecord<String, String> record, String reason) {
        return deadLetters.send(record, reason)
                .toCompletableFuture().thenCompose(v -> record.ack().toCompletableFuture());
    }
}
