package io.tradenet.notary.service;

import io.tradenet.contract.json.MalformedDocumentException;
import io.tradenet.contract.notary.NotarisationOutcome;
import io.tradenet.contract.notary.NotarisationRequest;
import io.tradenet.contract.party.NetworkIdentity;
import io.tradenet.contract.tx.RequestSignatureInvalidException;
import io.tradenet.contract.tx.SignedInstruction;
import io.tradenet.contract.tx.TransactionInvalidException;
import io.tradenet.contract.tx.TransactionRules;
import io.tradenet.contract.tx.WireTransaction;
import io.tradenet.notary.commit.CommitPipeline;
import io.tradenet.contract.service.Database;
import io.tradenet.notary.storage.NotaryLog;
import io.tradenet.notary.uniqueness.PendingCommit;
import io.tradenet.notary.uniqueness.hazelcast.ConsumedStateIndex;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * The notary's front: validates what needs no shared state (the requester's signature over its
 * request, the transaction's structure and every instruction signature, that it names this notary)
 * and queues the request for commit. Retries are answered by the commit, from the recorded answers.
 */
@ApplicationScoped
public class NotaryService {

    private final NetworkIdentity identity;
    private final CommitPipeline pipeline;
    private final ConsumedStateIndex index;
    private final Database database;
    private final NotaryLog log;

    @Inject
    public NotaryService(NetworkIdentity identity, CommitPipeline pipeline, ConsumedStateIndex index, Database database, NotaryLog log) {
        this.identity = identity;
        this.pipeline = pipeline;
        this.index = index;
        this.database = database;
        this.log = log;
    }

    /** One request (REST): answered at once with General if the queue is full. */
    public CompletableFuture<NotarisationOutcome> notarise(NotarisationRequest request) {
        return notariseAll(List.of(request), null).get(0);
    }

    /**
     * Many requests (a Kafka poll). With {@code patience} set, waits that long for queue room before
     * answering General; this is how backpressure reaches the broker.
     */
    public List<CompletableFuture<NotarisationOutcome>> notariseAll(List<NotarisationRequest> requests, Duration patience) {
        List<String> txIds = new ArrayList<>(requests.size());
        for (NotarisationRequest request : requests) {
            txIds.add(safeTxId(request));
        }
        // signature checks dominate the cost: validate a large poll on every core
        PendingCommit[] validated = new PendingCommit[requests.size()];
        IntStream indexes = IntStream.range(0, requests.size()).filter(i -> txIds.get(i) != null);
        if (requests.size() >= PARALLEL_FROM) {
            VALIDATORS.submit(() -> indexes.parallel().forEach(i -> validated[i] = validate(txIds.get(i), requests.get(i)))).join();
        } else {
            indexes.forEach(i -> validated[i] = validate(txIds.get(i), requests.get(i)));
        }
        List<CompletableFuture<NotarisationOutcome>> answers = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            String txId = txIds.get(i);
            if (txId == null) {
                answers.add(CompletableFuture.completedFuture(
                        new NotarisationOutcome.TransactionInvalid("", "the transaction cannot be canonicalised")));
            } else {
                answers.add(patience == null ? pipeline.submit(validated[i]) : pipeline.submitWaiting(validated[i], patience));
            }
        }
        return answers;
    }

    private static final int PARALLEL_FROM = 16;
    private static final ForkJoinPool VALIDATORS = new ForkJoinPool(Runtime.getRuntime().availableProcessors());

    PendingCommit validate(String txId, NotarisationRequest request) {
        WireTransaction tx;
        try {
            tx = request.parsedTransaction();
        } catch (MalformedDocumentException | IllegalArgumentException e) {
            return PendingCommit.rejected(txId, request, new NotarisationOutcome.TransactionInvalid(txId, e.getMessage()));
        }
        SignedInstruction requesterInstruction;
        try {
            requesterInstruction = TransactionRules.requesterInstruction(tx, request.requester(), identity.registry());
        } catch (RequestSignatureInvalidException e) {
            return PendingCommit.rejected(txId, request, new NotarisationOutcome.RequestSignatureInvalid(txId, e.getMessage()));
        }
        try {
            if (!identity.name().equals(tx.notary())) {
                throw new TransactionInvalidException("the transaction names notary " + tx.notary() + ", this is " + identity.name());
            }
            TransactionRules.verify(tx, identity.registry(), requesterInstruction);
        } catch (TransactionInvalidException e) {
            return PendingCommit.rejected(txId, request, new NotarisationOutcome.TransactionInvalid(txId, e.getMessage()));
        }
        return PendingCommit.valid(txId, request, tx, requesterInstruction);
    }

    /** The recorded answer for a transaction; {@code requester} non-null restricts it to that party's own request. */
    public Optional<NotarisationOutcome> recorded(String txId, String requester) throws SQLException {
        try (Connection c = database.connection()) {
            return requester == null ? log.recordedOutcome(c, txId) : log.recordedOutcome(c, txId, requester);
        }
    }

    /**
     * The spent-state audit. The cluster's partitioned index names the consuming transaction without a
     * scan; the commit log (by primary key) supplies who asked and when. A state missing from the index
     * (evicted, or its member gone) is looked up in the commit log.
     */
    public Optional<NotaryLog.SpentState> spentState(io.tradenet.contract.tx.StateRef ref) throws SQLException {
        String consumer = index.knownConsumers(Set.of(ref.toString())).get(ref.toString());
        try (Connection c = database.connection()) {
            return consumer != null ? log.spentState(c, ref, consumer) : log.spentState(c, ref);
        }
    }

    public long retryAfterMillis() {
        return pipeline.retryAfterMillis();
    }

    private static String safeTxId(NotarisationRequest request) {
        try {
            return request.txId();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
