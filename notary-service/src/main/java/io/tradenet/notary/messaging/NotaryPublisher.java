package io.tradenet.notary.messaging;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.tradenet.contract.envelope.Envelope;
import io.tradenet.contract.envelope.Envelopes;
import io.tradenet.contract.messaging.EnvelopeRecords;
import io.tradenet.contract.messaging.Topics;
import io.tradenet.contract.notary.NotarisationOutcome;
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

    /** Answers a request that arrived on Kafka: correlated with the request envelope's id. */
    public CompletionStage<Void> reply(Envelope request, NotarisationOutcome outcome) {
        Envelope envelope = Envelopes.seal(Topics.TYPE_NOTARISATION_OUTCOME, request.id(), outcome, identity.key());
        return send(replies, outcome.txId(), envelope);
    }

    void publish(Committed committed) {
        publishBatch(committed.batchId(), committed.notarised());
    }

    private CompletableFuture<Void> publishBatch(long batchId, List<NotarisedTransaction> transactions) {
        CompletableFuture<?>[] sends = transactions.stream()
                .map(n -> send(notarised, n.txId(), Envelopes.seal(Topics.TYPE_NOTARISED_TRANSACTION, n.txId(), n, identity.key()))
                        .toCompletableFuture())
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(sends).thenRun(() -> markPublished(batchId)).exceptionally(e -> {
            LOG.warnf("batch %d not acknowledged by Kafka (%s); the relay will publish it again", batchId, e.toString());
            return null;
        });
    }

    private void markPublished(long batchId) {
        try (Connection c = database.connection()) {
            log.markPublished(c, batchId);
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
