package io.tradenet.lc.notarisation;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.tradenet.contract.envelope.Envelope;
import io.tradenet.contract.envelope.Envelopes;
import io.tradenet.contract.messaging.EnvelopeRecords;
import io.tradenet.contract.messaging.Topics;
import io.tradenet.contract.notary.InvalidNotarySignatureException;
import io.tradenet.contract.notary.NotarisationOutcome;
import io.tradenet.contract.notary.NotarisationRequest;
import io.tradenet.contract.notary.NotarySignatureVerifier;
import io.tradenet.contract.notary.RequestBatch;
import io.tradenet.contract.party.NetworkIdentity;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Asks the notary over Kafka. Requests made within {@code tradenet.lc.notary-batch-linger} of each other travel in one
 * envelope (signed once with this service's gateway key), envelopes at least {@code tradenet.lc.notary-envelope-interval}
 * apart ({@link EnvelopeBatcher}); each request has its own id, which its answer carries. A Success is accepted only
 * if the notary's batch signature verifies. No answer in time is a temporary failure: re-sending the same request is
 * safe, the notary answers a transaction the same way every time.
 */
@ApplicationScoped
public class NotaryClient {

    private static final Logger LOG = Logger.getLogger(NotaryClient.class);
    private static final int MAX_BATCH = 100;

    private record Waiting(String txId, CompletableFuture<NotarisationOutcome> answer) {
    }

    @Inject
    @Channel(Topics.NOTARY_REQUESTS)
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 50_000)
    MutinyEmitter<String> requests;

    @Inject
    NetworkIdentity identity;

    @Inject
    io.tradenet.lc.metrics.LcMetrics metrics;

    @Inject
    io.tradenet.lc.config.LcConfig config;

    private final Map<String, Waiting> waiting = new ConcurrentHashMap<>();
    private NotarySignatureVerifier signatures;
    private EnvelopeBatcher<RequestBatch.Item> batcher;
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "notary-request-sender");
        t.setDaemon(true);
        return t;
    });

    @PostConstruct
    void init() {
        signatures = new NotarySignatureVerifier(identity.registry());
        batcher = new EnvelopeBatcher<>(config.notaryBatchLinger().toNanos(), config.notaryEnvelopeInterval().toNanos(), MAX_BATCH);
    }

    public CompletableFuture<NotarisationOutcome> notarise(NotarisationRequest request, Duration timeout) {
        String txId = request.txId();
        String requestId = UUID.randomUUID().toString();
        CompletableFuture<NotarisationOutcome> answer = new CompletableFuture<>();
        waiting.put(requestId, new Waiting(txId, answer));
        long sent = System.nanoTime();
        metrics.notarisationRequested();
        EnvelopeBatcher.Step<RequestBatch.Item> step = batcher.add(new RequestBatch.Item(requestId, request), System.nanoTime());
        if (!step.batch().isEmpty()) {
            sender.execute(() -> send(step.batch()));
        } else if (step.dueIn() >= 0) {
            sender.schedule(() -> send(batcher.due(step.generation(), System.nanoTime())), step.dueIn(), TimeUnit.NANOSECONDS);
        }
        return answer.completeOnTimeout(new NotarisationOutcome.General(txId, "no answer from the notary in " + timeout, 1000),
                        timeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((outcome, error) -> {
                    waiting.remove(requestId);
                    metrics.notarisationAnswered(outcome, sent);
                });
    }

    /** Sends the request and waits for the answer; no answer in time is a General (temporary) outcome, never an exception. */
    public NotarisationOutcome await(NotarisationRequest request, Duration timeout) {
        try {
            return notarise(request, timeout).get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new NotarisationOutcome.General(request.txId(), "interrupted; send the same instruction again", 1000);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return new NotarisationOutcome.General(request.txId(), "no answer from the notary; send the same instruction again", 1000);
        }
    }

    /** Seals and sends one envelope of requests; if Kafka cannot take it, each request's answer is a temporary failure. */
    private void send(List<RequestBatch.Item> batch) {
        if (batch.isEmpty()) {
            return;
        }
        Envelope envelope = Envelopes.seal(Topics.TYPE_NOTARISATION_REQUESTS, null, new RequestBatch(batch), identity.key());
        // the key only spreads batches over partitions: the first request's id does that without
        // canonicalising its transaction again for the txId
        requests.sendMessage(EnvelopeRecords.message(envelope, batch.get(0).id()))
                .subscribe().with(ok -> { }, failure -> batch.forEach(item -> {
                    Waiting w = waiting.get(item.id());
                    if (w != null) {
                        w.answer().complete(new NotarisationOutcome.General(w.txId(), "could not reach Kafka: " + failure.getMessage(), 1000));
                    }
                }));
    }

    /** Called with each answer of a verified reply envelope; answers to other instances' requests are ignored. */
    void onAnswer(String requestId, NotarisationOutcome outcome) {
        Waiting w = waiting.get(requestId);
        if (w == null) {
            return;
        }
        if (!w.txId().equals(outcome.txId())) {
            LOG.warnf("answer to %s names transaction %s, the request was for %s: ignored", requestId, outcome.txId(), w.txId());
            return;
        }
        if (outcome instanceof NotarisationOutcome.Success success) {
            try {
                signatures.verify(success.txId(), success.signature());
            } catch (InvalidNotarySignatureException e) {
                LOG.warnf("answer to %s carries an invalid notary signature (%s): ignored", requestId, e.getMessage());
                return;
            }
        }
        w.answer().complete(outcome);
    }

    @PreDestroy
    void stop() {
        sender.shutdownNow();
    }
}
