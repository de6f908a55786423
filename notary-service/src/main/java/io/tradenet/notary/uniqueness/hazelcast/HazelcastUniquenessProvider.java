package io.tradenet.notary.uniqueness.hazelcast;

import io.quarkus.arc.lookup.LookupIfProperty;
import io.tradenet.contract.notary.ConflictKind;
import io.tradenet.contract.notary.NotarisationOutcome;
import io.tradenet.contract.notary.NotarisedTransaction;
import io.tradenet.contract.notary.NotarySignature;
import io.tradenet.contract.notary.StateConflict;
import io.tradenet.contract.tx.StateRef;
import io.tradenet.contract.tx.WireTransaction;
import io.tradenet.notary.cluster.HazelcastCluster;
import io.tradenet.notary.commit.NotaryMetrics;
import io.tradenet.notary.commit.NotaryMetrics.StoreStep;
import io.tradenet.notary.signing.BatchSigner;
import io.tradenet.contract.service.Database;
import io.tradenet.notary.storage.NotaryLog;
import io.tradenet.notary.uniqueness.Committed;
import io.tradenet.notary.uniqueness.PendingCommit;
import io.tradenet.notary.uniqueness.UniquenessProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Production uniqueness: a batch is decided and recorded in one database transaction that holds the
 * commit-clock row lock, so the commits of all notary members form one total order (linearisable
 * whatever the Hazelcast cluster's state: split, paused or restarting members cannot make two members
 * both think a state is free). The decision reads consumed states from the database under that lock,
 * never from Hazelcast; after each commit the cluster's partitioned index of consumed states and
 * answers is updated, and serves retries and the spent-state audit.
 */
@ApplicationScoped
@LookupIfProperty(name = "tradenet.notary.backend", stringValue = "hazelcast", lookupIfMissing = true)
public class HazelcastUniquenessProvider implements UniquenessProvider {

    private final Database database;
    private final NotaryLog log;
    private final ConsumedStateIndex index;
    private final String member;
    private final NotaryMetrics metrics;

    @Inject
    public HazelcastUniquenessProvider(Database database, NotaryLog log, ConsumedStateIndex index, HazelcastCluster cluster,
                                       NotaryMetrics metrics) {
        this.database = database;
        this.log = log;
        this.index = index;
        this.metrics = metrics;
        this.member = cluster.instance().getCluster().getLocalMember().getAddress().toString();
    }

    @Override
    public Committed commit(List<PendingCommit> batch, BatchSigner signer) {
        Set<String> txIds = new HashSet<>();
        Set<String> stateRefs = new HashSet<>();
        for (PendingCommit p : batch) {
            txIds.add(p.txId());
            if (p.transaction() != null) {
                p.transaction().inputs().forEach(r -> stateRefs.add(r.toString()));
                p.transaction().references().forEach(r -> stateRefs.add(r.toString()));
            }
        }

        try (Connection c = database.connection()) {
            c.setAutoCommit(false);
            try {
                StepTimes steps = new StepTimes();
                NotaryLog.Clock clock = log.lockClock(c);
                steps.done(StoreStep.LOCK);
                Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
                Map<String, NotarisationOutcome> recorded = log.recordedOutcomes(c, txIds);
                Map<String, String> consumers = log.consumers(c, stateRefs);
                steps.done(StoreStep.READ);

                Decisions decisions = decide(batch, recorded, consumers, clock, now);
                List<NotarySignature> signatures = signer.sign(decisions.committedTxIds, now);
                Map<String, NotarySignature> signatureByTx = new HashMap<>();
                for (int i = 0; i < signatures.size(); i++) {
                    signatureByTx.put(decisions.committedTxIds.get(i), signatures.get(i));
                }

                long batchId = clock.nextBatch();
                List<NotaryLog.OutcomeRow> rows = new ArrayList<>();
                List<NotarisedTransaction> notarised = new ArrayList<>();
                Map<String, NotarisationOutcome> answerByTx = new HashMap<>(recorded);
                for (PendingCommit p : decisions.newlyDecided.values()) {
                    NotarisationOutcome outcome = decisions.outcomes.get(p.txId());
                    Long sequence = decisions.sequences.get(p.txId());
                    if (sequence != null) {
                        NotarySignature signature = signatureByTx.get(p.txId());
                        outcome = new NotarisationOutcome.Success(p.txId(), signature);
                        notarised.add(new NotarisedTransaction(p.txId(), sequence, p.request().transaction(),
                                p.request().requester(), signature));
                    }
                    answerByTx.put(p.txId(), outcome);
                    rows.add(new NotaryLog.OutcomeRow(p.txId(), outcome, p.request().requester(),
                            p.requesterInstruction() == null ? null : p.requesterInstruction().signature(),
                            sequence == null ? null : p.request().transaction(), sequence));
                }
                steps.done(StoreStep.DECIDE);
                for (PendingCommit p : decisions.refusedRequests) {
                    log.recordRejectedRequest(c, p.txId(), p.request().requester(), p.rejection());
                }
                log.insertConsumed(c, decisions.newlyConsumed, decisions.sequences);
                log.insertOutcomes(c, rows, batchId, now);
                log.insertBatch(c, batchId, member, now, rows.size(), !notarised.isEmpty());
                log.advanceClock(c, new NotaryLog.Clock(clock.nextSequence() + decisions.committedTxIds.size(), batchId + 1));
                steps.done(StoreStep.WRITE);
                c.commit();
                steps.done(StoreStep.COMMIT);
                steps.record(metrics);

                List<NotarisationOutcome> outcomes = batch.stream().map(p -> answerFor(p, answerByTx)).toList();
                index.remember(decisions.newlyConsumed);
                return new Committed(outcomes, notarised, batchId);
            } catch (SQLException | RuntimeException e) {
                rollback(c);
                throw e;
            }
        } catch (SQLException | RuntimeException e) {
            throw new TemporaryFailure("commit failed, nothing was recorded: " + e.getMessage(), e);
        }
    }

    /** When each step of one batch's database transaction ended; recorded only for a batch that committed. */
    private static final class StepTimes {
        private final long[] nanos = new long[StoreStep.values().length];
        private long last = System.nanoTime();

        void done(StoreStep step) {
            long now = System.nanoTime();
            nanos[step.ordinal()] = now - last;
            last = now;
        }

        void record(NotaryMetrics metrics) {
            for (StoreStep step : StoreStep.values()) {
                metrics.stored(step, nanos[step.ordinal()]);
            }
        }
    }

    private static final class Decisions {
        final Map<String, NotarisationOutcome> outcomes = new HashMap<>();
        final Map<String, PendingCommit> newlyDecided = new LinkedHashMap<>();
        final Map<String, Long> sequences = new HashMap<>();
        final List<String> committedTxIds = new ArrayList<>();
        final Map<String, String> newlyConsumed = new LinkedHashMap<>();
        final List<PendingCommit> refusedRequests = new ArrayList<>();
    }

    /**
     * A request refused for its requester's signature is answered as such unless the transaction itself
     * already has an answer: that answer belongs to the transaction, whoever asks again.
     */
    private static NotarisationOutcome answerFor(PendingCommit p, Map<String, NotarisationOutcome> answerByTx) {
        NotarisationOutcome answer = answerByTx.get(p.txId());
        return answer != null ? answer : p.rejection();
    }

    /** Decides each request in batch order against the recorded log and the earlier requests of the batch. */
    private static Decisions decide(List<PendingCommit> batch, Map<String, NotarisationOutcome> recorded,
                                    Map<String, String> consumers, NotaryLog.Clock clock, Instant now) {
        Decisions d = new Decisions();
        long sequence = clock.nextSequence();
        for (PendingCommit p : batch) {
            String txId = p.txId();
            if (recorded.containsKey(txId)) {
                continue; // a retry: the recorded answer stands
            }
            if (p.rejection() instanceof NotarisationOutcome.RequestSignatureInvalid) {
                d.refusedRequests.add(p); // recorded per (transaction, requester), never as the transaction's answer
                continue;
            }
            if (d.newlyDecided.containsKey(txId)) {
                continue; // the same transaction twice in one batch: one decision
            }
            d.newlyDecided.put(txId, p);
            if (p.rejection() != null) {
                d.outcomes.put(txId, p.rejection());
                continue;
            }
            WireTransaction tx = p.transaction();
            if (!tx.timeWindow().contains(now)) {
                d.outcomes.put(txId, new NotarisationOutcome.TimeWindowInvalid(txId, tx.timeWindow(), now));
                continue;
            }
            List<StateConflict> conflicts = new ArrayList<>();
            for (StateRef input : tx.inputs()) {
                String consumer = consumer(input, d.newlyConsumed, consumers);
                if (consumer != null && !consumer.equals(txId)) {
                    conflicts.add(new StateConflict(input, ConflictKind.INPUT, StateConflict.hashOfTxId(consumer)));
                }
            }
            for (StateRef reference : tx.references()) {
                String consumer = consumer(reference, d.newlyConsumed, consumers);
                if (consumer != null) {
                    conflicts.add(new StateConflict(reference, ConflictKind.REFERENCE, StateConflict.hashOfTxId(consumer)));
                }
            }
            if (!conflicts.isEmpty()) {
                d.outcomes.put(txId, new NotarisationOutcome.Conflict(txId, conflicts));
                continue;
            }
            d.sequences.put(txId, sequence++);
            d.committedTxIds.add(txId);
            tx.inputs().forEach(input -> d.newlyConsumed.put(input.toString(), txId));
        }
        return d;
    }

    private static String consumer(StateRef ref, Map<String, String> newlyConsumed, Map<String, String> consumers) {
        String key = ref.toString();
        String consumer = newlyConsumed.get(key);
        return consumer != null ? consumer : consumers.get(key);
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is going away; the database rolls back on its own
        }
    }
}
