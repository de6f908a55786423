package io.tradenet.notary.messaging;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.tradenet.contract.envelope.Envelope;
import io.tradenet.contract.envelope.Envelopes;
import io.tradenet.contract.messaging.EnvelopeRecords;
import io.tradenet.contract.messaging.Topics;
import io.tradenet.contract.notary.NotarisedBatch;
import io.tradenet.contract.notary.OutcomeBatch;
import io.tradenet.contract.notary.NotarisedTransaction;
import io.tradenet.contract.party.NetworkIdentity;
import io.tradenet.notary.commit.CommitPipeline;
import io.tradenet.notary.config.NotaryConfig;
import io.tradenet.contract.service.Database;
import io.tradenet.notary.storage.NotaryLog;
import io.tradenet.notary.uniqueness.Committed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Everything the notary sends on Kafka, signed with its key: answers to requesters
 * ({@value Topics#NOTARY_REPLIES}) and every newly notarised transaction for the ledger
 * ({@value Topics#NOTARISED_TRANSACTIONS}). The notarisation table is the outbox: a batch is marked
 * published only once Kafka acknowledged all of its records; the relay publishes again what was not,
 * and the ledger drops duplicates by sequence and transaction id.
 */
@ApplicationScoped
public class NotaryPublisher {

    private static final Logger LOG = Logger.getLogger(NotaryPublisher.class);

    @Inject
    @Channel(Topics.NOTARY_REPLIES)
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 50_000)
    MutinyEmitter<String> replies;

    @Inject
    @Channel(Topics.NOTARISED_TRANSACTIONS)
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 50_000)
    MutinyEmitter<String> notarised;

    @Inject
    NetworkIdentity identity;

    @Inject
    CommitPipeline pipeline;

    @Inject
    Database database;

    @Inject
    NotaryLog log;

    @Inject
    NotaryConfig config;

    void start(@Observes StartupEvent event) {
        pipeline.onCommitted(this::publish);
    }

    /** Answers requests that arrived on Kafka, up to 200 answers per signed envelope, each with its request's id. */
    public CompletionStage<Void> reply(List<OutcomeBatch.Answer> answers) {
        List<CompletableFuture<Void>> sends = new ArrayList<>();
        for (int from = 0; from < answers.size(); from += OutcomeBatch.MAX_ANSWERS) {
            List<OutcomeBatch.Answer> chunk = answers.subList(from, Math.min(answers.size(), from + OutcomeBatch.MAX_ANSWERS));
            Envelope envelope = Envelopes.seal(Topics.TYPE_NOTARISATION_OUTCOMES, null, new OutcomeBatch(chunk), identity.key());
            sends.add(send(replies, chunk.get(0).requestId(), envelope).toCompletableFuture());
        }
        return CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new));
    }

    void publish(Committed committed) {
        publishBatch(committed.batchId(), committed.notarised());
    }

    private CompletableFuture<Void> publishBatch(long batchId, List<NotarisedTransaction> transactions) {
        List<CompletableFuture<Void>> sends = new ArrayList<>();
        for (int from = 0; from < transactions.size(); from += NotarisedBatch.MAX_TRANSACTIONS) {
            List<NotarisedTransaction> chunk = transactions.subList(from, Math.min(transactions.size(), from + NotarisedBatch.MAX_TRANSACTIONS));
            Envelope envelope = Envelopes.seal(Topics.TYPE_NOTARISED_TRANSACTIONS, null, new NotarisedBatch(chunk), identity.key());
            sends.add(send(notarised, Long.toString(chunk.get(0).sequence()), envelope).toCompletableFuture());
        }
        return CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).thenRun(() -> markPublished(batchId)).exceptionally(e -> {
            LOG.warnf("batch %d not acknowledged by Kafka (%s); the relay will publish it again", batchId, e.toString());
            return null;
        });
    }

    private void markPublished(long batchId) {
        try (Connection c = database.connection()) {
            log.markPublished(c, batchId, !database.embedded());
        } catch (SQLException e) {
            LOG.warnf("could not mark batch %d published (%s); it will be published again", batchId, e.getMessage());
        }
    }

    /** The outbox relay: publishes again every batch Kafka has not acknowledged in time. */
    @Scheduled(every = "${tradenet.notary.outbox.relay-every:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "5s")
    void relay() {
        try (Connection c = database.connection()) {
            Instant before = Instant.now().minus(config.outbox().republishAfter());
            for (Long batchId : log.unpublishedBatches(c, before)) {
                List<NotarisedTransaction> transactions = log.notarisedInBatch(c, batchId);
                LOG.infof("relaying batch %d (%d notarised transactions) again", batchId, transactions.size());
                publishBatch(batchId, transactions).join();
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debugf("outbox relay skipped: %s", e.toString());
        }
    }

    private static CompletionStage<Void> send(MutinyEmitter<String> emitter, String key, Envelope envelope) {
        return emitter.sendMessage(EnvelopeRecords.message(envelope, key)).subscribeAsCompletionStage();
    }
}
