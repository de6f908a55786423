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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The notary's front: validates what needs no shared state (the requester's signature over its
 * request, the transaction's structure and every instruction signature, that it names this notary),
 * answers retries the cluster remembers, and queues the rest for commit.
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
        Set<String> distinct = new HashSet<>();
        for (NotarisationRequest request : requests) {
            String txId = safeTxId(request);
            txIds.add(txId);
            if (txId != null) {
                distinct.add(txId);
            }
        }
        Map<String, NotarisationOutcome> remembered = index.knownOutcomes(distinct);
        List<CompletableFuture<NotarisationOutcome>> answers = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            String txId = txIds.get(i);
            NotarisationRequest request = requests.get(i);
            if (txId == null) {
                answers.add(CompletableFuture.completedFuture(
                        new NotarisationOutcome.TransactionInvalid("", "the transaction cannot be canonicalised")));
                continue;
            }
            NotarisationOutcome known = remembered.get(txId);
            if (known != null) {
                answers.add(CompletableFuture.completedFuture(known));
                continue;
            }
            PendingCommit pending = validate(txId, request);
            answers.add(patience == null ? pipeline.submit(pending) : pipeline.submitWaiting(pending, patience));
        }
        return answers;
    }

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
            TransactionRules.verify(tx, identity.registry());
        } catch (TransactionInvalidException e) {
            return PendingCommit.rejected(txId, request, new NotarisationOutcome.TransactionInvalid(txId, e.getMessage()));
        }
        return PendingCommit.valid(txId, request, tx, requesterInstruction);
    }

    /** The recorded answer for a transaction, if the notary has given one. */
    public Optional<NotarisationOutcome> recorded(String txId) throws SQLException {
        try (Connection c = database.connection()) {
            return log.recordedOutcome(c, txId);
        }
    }

    public Optional<NotaryLog.SpentState> spentState(io.tradenet.contract.tx.StateRef ref) throws SQLException {
        try (Connection c = database.connection()) {
            return log.spentState(c, ref);
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
