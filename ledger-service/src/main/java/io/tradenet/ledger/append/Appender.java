package io.tradenet.ledger.append;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tradenet.contract.checkpoint.Checkpoint;
import io.tradenet.contract.checkpoint.SignedNote;
import io.tradenet.contract.crypto.Hashing;
import io.tradenet.contract.json.CanonicalJson;
import io.tradenet.contract.ledger.LedgerEntry;
import io.tradenet.contract.merkle.MerkleFrontier;
import io.tradenet.contract.merkle.MerkleProofs;
import io.tradenet.contract.merkle.Rfc9162;
import io.tradenet.contract.notary.NotarisedTransaction;
import io.tradenet.contract.party.NetworkIdentity;
import io.tradenet.contract.tx.StateRef;
import io.tradenet.ledger.config.LedgerConfig;
import io.tradenet.ledger.storage.LedgerStore;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The ledger's single writer. Notarised transactions are appended strictly in the notary's commit
 * order (entry index = notary sequence): one that arrives early waits until the gap before it is
 * filled, one that arrives again is acknowledged as a repeat. Each appended batch is one database transaction: its
 * entries, the tree nodes they complete and the signed checkpoint of the new tree together, so the
 * stored tree and every signed checkpoint can never disagree, across restarts too.
 *
 * <p>Three threads overlap instead of alternating: the Kafka consumer opens and verifies the next poll while
 * the append thread ({@link #submit}) prepares a batch (its entries, leaf hashes, tree nodes, parties and signed
 * checkpoint) while the write thread writes and commits the batch before it. The append thread prepares on top
 * of the <em>head</em>: the log as it will be once every batch handed to the write thread is committed. Batches
 * commit strictly in order; if one fails, every batch prepared after it is dropped before it is written, its
 * transactions (and the failed batch's) wait with the appender again and the head goes back to the committed
 * log, so nothing is acknowledged, announced or served before the commit that makes it durable.
 */
@ApplicationScoped
public class Appender {

    private static final Logger LOG = Logger.getLogger(Appender.class);

    /**
     * A verified notarised transaction waiting to be appended, with the canonical text of its transaction
     * (from {@link #verify}), how to acknowledge its Kafka record once it is durable (or recognised as a
     * repeat), and what to do if it is refused: its sequence is already another transaction's.
     */
    public record Incoming(NotarisedTransaction transaction, String canonicalTransaction, Runnable acknowledge, Runnable refuse,
                           long receivedNanos) {
    }

    /** What listeners learn after each appended batch: its entries (committed; in {@link LedgerEntry#stored stored} form), in index order. */
    public record Appended(List<LedgerEntry> entries, String checkpointNote, long treeSize) {
    }

    private final LedgerStore store;
    private final NetworkIdentity identity;
    private final LedgerConfig config;
    private final LedgerMetrics metrics;
    private final VerifiedBatches verifier;
    private final List<Consumer<Appended>> listeners = new CopyOnWriteArrayList<>();
    private final TreeMap<Long, Incoming> pending = new TreeMap<>();

    /** The committed log: its size, last leaf and tree (what is served, signed and announced). */
    private long size;
    private byte[] lastLeaf = LedgerEntry.genesisPreviousHash();
    private MerkleFrontier frontier = new MerkleFrontier();
    /**
     * The head: the log once every batch in {@link #inFlight} is committed, which the next batch is prepared on; the
     * committed log when none is in flight.
     */
    private long headSize;
    private byte[] headLeaf = lastLeaf;
    private MerkleFrontier headFrontier = frontier;
    /** Batches prepared and handed to the write thread, oldest first, not yet committed; at most {@link #MAX_IN_FLIGHT}. */
    private final ArrayDeque<Prepared> inFlight = new ArrayDeque<>();
    /**
     * Advanced (on the write thread only) when a write fails: a batch prepared in an earlier generation is dropped by
     * the write thread unwritten. Volatile so that the write thread checks it without waiting for the monitor.
     */
    private volatile long generation;
    /** One batch being written and one prepared behind it: the append thread waits rather than run further ahead. */
    static final int MAX_IN_FLIGHT = 2;
    private volatile String latestNote;
    private volatile long checkpointSize = -1;
    private volatile Instant checkpointAt = Instant.now();
    private final List<Long> uncheckpointed = new ArrayList<>();
    /**
     * Transactions under a sequence the log already holds, not yet compared with what is stored there (the
     * comparison failed): compared again at the next offer. Each is a repeat (acknowledged) or a clash (refused).
     */
    private final List<Incoming> unchecked = new ArrayList<>();
    /** The last offer could not reach the store: the append thread offers again before it takes another batch. */
    private volatile boolean storeUnreachable;
    /** A commit reported a failure: whether it reached the store is unknown until {@link #resynchronise} reads it. */
    private boolean unknownOutcome;
    private volatile String refusal;
    /** The append thread, and how many submitted polls it may hold (one being offered, one waiting). */
    private final ExecutorService appendThread = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "ledger-append");
        thread.setDaemon(true);
        return thread;
    });
    private final Semaphore submitted = new Semaphore(2);
    /** Writes and commits prepared batches, one at a time, in the order they were prepared. */
    private final ExecutorService writeThread = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "ledger-write");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * A batch prepared on the head for the write thread: its transactions and rows (each with its entry), the tree of
     * the log once it is committed, its signed checkpoint (whose size is that log's), and the participants of the
     * states it creates (a batch prepared before it commits finds them here, not yet in the store).
     */
    private record Prepared(long generation, List<Incoming> batch, List<LedgerStore.NewEntry> rows, MerkleFrontier tree,
                            Checkpoint checkpoint, String note, Instant signedAt, Map<StateRef, List<String>> createdStates) {

        /** The log's size once this batch is committed. */
        long size() {
            return checkpoint.size();
        }

        /** The leaf hash of its last entry (a batch is never empty). */
        byte[] lastLeaf() {
            return rows.get(rows.size() - 1).leafHash();
        }

        /** Its transaction under this sequence, or null (a batch holds consecutive sequences, ending below {@link #size}). */
        Incoming at(long sequence) {
            long first = size() - batch.size();
            return sequence >= first && sequence < size() ? batch.get((int) (sequence - first)) : null;
        }
    }

    @Inject
    public Appender(LedgerStore store, NetworkIdentity identity, LedgerConfig config, LedgerMetrics metrics) {
        this.store = store;
        this.identity = identity;
        this.config = config;
        this.metrics = metrics;
        this.verifier = new VerifiedBatches(identity.registry());
        metrics.gauge(LedgerMetrics.SIZE, "entries in the ledger", () -> size);
        metrics.gauge(LedgerMetrics.PENDING, "notarised transactions waiting for an earlier one", this::pendingCount);
        metrics.gauge(LedgerMetrics.IN_FLIGHT, "batches prepared and handed to the write thread, not yet committed", this::inFlightCount);
        metrics.gauge(LedgerMetrics.CHECKPOINT_AGE, "seconds since the latest checkpoint was signed",
                () -> (System.currentTimeMillis() - checkpointAt.toEpochMilli()) / 1000.0);
    }

    /**
     * Loads the stored log and refuses to start if the stored tree does not reproduce the last signed
     * checkpoint: then the store was altered, and signing on would sign an inconsistent tree.
     */
    synchronized void load(@Observes StartupEvent event) throws SQLException {
        try (Connection c = store.connection()) {
            restore(c);
        }
        LOG.infof("ledger loaded: %d entries, root %s", size, Hashing.b64(frontier.root()));
    }

    /** The log's state as stored, read in one snapshot. */
    private record Stored(long size, MerkleFrontier frontier, byte[] lastLeaf, Optional<LedgerStore.StoredCheckpoint> checkpoint,
                          byte[] rootAtCheckpoint) {
    }

    /**
     * Takes the log's state from the store: its size, frontier, last leaf and latest checkpoint (signing one
     * of the stored tree if that checkpoint is older). Refuses (and stays refusing: {@link #refusal}) if the
     * store does not reproduce that checkpoint or holds fewer entries than the ledger already served: signing
     * on would then sign an inconsistent tree. Called with the monitor held and nothing in flight: at start, and
     * after a failed COMMIT, whose {@link #failed} emptied {@link #inFlight} (and nothing is prepared until this has run).
     */
    private void restore(Connection c) throws SQLException {
        Stored stored = readStored(c);
        if (stored.size() < size) {
            throw refuse("the store holds " + stored.size() + " entries, fewer than the " + size + " this ledger has "
                    + "already signed and served: refusing to sign on; run GET /api/ledger/verify");
        }
        LedgerStore.StoredCheckpoint cp = stored.checkpoint().orElse(null);
        if (cp != null && (cp.treeSize() > stored.size() || !Rfc9162.equal(stored.rootAtCheckpoint(), cp.rootHash()))) {
            throw refuse("the stored log (" + stored.size() + " entries) does not reproduce the last signed "
                    + "checkpoint (size " + cp.treeSize() + "): refusing to sign on; run GET /api/ledger/verify");
        }
        size = stored.size();
        frontier = stored.frontier();
        lastLeaf = stored.lastLeaf();
        headOnCommitted();
        if (cp != null) {
            latestNote = cp.note();
            checkpointSize = cp.treeSize();
            checkpointAt = cp.signedAt();
        }
        if (checkpointSize != size) {
            signCheckpoint(c);
        }
    }

    /**
     * Reads the stored state in one repeatable-read transaction: a batch (entries, nodes and checkpoint, one
     * transaction) whose commit becomes visible meanwhile is seen whole or not at all.
     */
    private Stored readStored(Connection c) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        int isolation = c.getTransactionIsolation();
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        c.setAutoCommit(false);
        try {
            long n = store.size(c);
            store.loaded(n); // before anything is read through the cache, so it keeps only the levels that fit
            MerkleFrontier tree = MerkleFrontier.restore(n, store.source(c));
            byte[] last = n == 0 ? LedgerEntry.genesisPreviousHash() : store.leafHash(c, n - 1);
            Optional<LedgerStore.StoredCheckpoint> cp = store.latestCheckpoint(c);
            byte[] root = null;
            if (cp.isPresent() && cp.get().treeSize() <= n) {
                long at = cp.get().treeSize();
                root = at == n ? tree.root() : store.withPrefetch(c, source -> MerkleProofs.root(source, at));
            }
            c.commit();
            return new Stored(n, tree, last, cp, root);
        } finally {
            try {
                c.rollback(); // nothing to roll back after the commit; after a failure, ends the read
            } catch (SQLException e) {
                LOG.debugf("ending the read of the stored log: %s", e.getMessage());
            }
            c.setAutoCommit(autoCommit);
            c.setTransactionIsolation(isolation);
        }
    }

    private IllegalStateException refuse(String reason) {
        refusal = reason;
        return new IllegalStateException(reason);
    }

    /** Why the ledger has stopped appending and signing, or null while it works (readiness reports it). */
    public String refusal() {
        return refusal;
    }

    /**
     * After an append whose commit reported a failure, which the server may still have carried out (a
     * connection lost while it answered COMMIT), takes the log's state from the store again before anything
     * else is appended. First a write that changes nothing is committed: once it is, everything committed
     * before it is as durable as any commit (flushed, and on the synchronous standbys where there are any),
     * so what is then read back may be acknowledged. Transactions waiting here that the store holds are
     * acknowledged and announced (listeners read them from the store); one under an index the store holds
     * with another transaction is refused; the others stay and are appended next.
     * Without this a commit that landed unseen left the appender writing at an index the store already held,
     * failing on every retry until a restart.
     */
    private void resynchronise(Connection c, List<Incoming> refused) throws SQLException {
        long before = size;
        store.durabilityBarrier(c);
        restore(c);
        int landed = 0;
        int clashing = 0;
        // one read of what the store holds where waiting transactions are; if it fails, they all stay waiting
        Map<Long, String> stored = store.txIdsAt(c, pending.headMap(size).keySet());
        while (!pending.isEmpty() && pending.firstKey() < size) {
            Incoming item = pending.pollFirstEntry().getValue();
            if (item.transaction().txId().equals(stored.get(item.transaction().sequence()))) {
                metrics.integrated(item.receivedNanos(), System.nanoTime());
                acknowledge(item);
                landed++;
            } else {
                clashing++; // only another writer could have stored something else there
                refused.add(item);
            }
        }
        unknownOutcome = false;
        if (clashing > 0) {
            LOG.errorf("%d waiting transactions clash with entries stored meanwhile (another writer?); refused", clashing);
        }
        if (size != before || landed > 0) {
            LOG.warnf("an append reported as failed was committed: the store holds %d entries (the appender knew %d); "
                    + "%d waiting transactions were among them and are acknowledged", size, before, landed);
            metrics.appended(landed);
            store.committed(List.of(), size);
            announce(new Appended(List.of(), latestNote, size));
        }
    }

    /** With nothing in flight (the caller makes sure): the head is the committed log. Called with the monitor held. */
    private void headOnCommitted() {
        headSize = size;
        headLeaf = lastLeaf;
        headFrontier = frontier;
    }

    /**
     * At shutdown: takes no more batches (those submitted from now on are left unacknowledged, so Kafka
     * delivers them again after the restart) and lets the ones already taken finish, written batches included.
     */
    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        appendThread.shutdown();
        if (!appendThread.awaitTermination(10, TimeUnit.SECONDS)) {
            LOG.warn("the append thread did not finish within 10 s");
        }
        writeThread.shutdown();
        if (!writeThread.awaitTermination(10, TimeUnit.SECONDS)) {
            LOG.warn("the write thread did not finish within 10 s");
        }
    }

    public void onAppended(Consumer<Appended> listener) {
        listeners.add(listener);
    }

    public synchronized long size() {
        return size;
    }

    public String latestCheckpointNote() {
        return latestNote;
    }

    public long latestCheckpointSize() {
        return checkpointSize;
    }

    public synchronized int pendingCount() {
        return pending.size();
    }

    public synchronized int inFlightCount() {
        return inFlight.size();
    }

    /**
     * Checks the id and the notary's batch signature; throws if either fails. Returns the transaction's
     * canonical text, which {@link Incoming} carries so that the entry's leaf does not canonicalise it again.
     */
    public String verify(NotarisedTransaction notarised) {
        return verifier.verify(notarised);
    }

    /**
     * Hands verified notarised transactions to the append thread, which {@link #offer offers} them in the order
     * they were submitted, and returns once they are queued for it: at once, unless it already holds two
     * polls (then the caller waits: backpressure on the consumer, which so also waits while the write thread has
     * {@value #MAX_IN_FLIGHT} batches in hand; a poll offered while the store cannot be reached holds its place until
     * the store answers). Those it refuses are {@link Incoming#refuse refused}, on the append thread; repeats are
     * acknowledged where they are recognised, appended transactions on the write thread after their commit. An
     * append that fails leaves its transactions with the appender, which retries them ({@link #checkpointIfBehind});
     * none is acknowledged before it is durable. After shutdown has begun, a poll is not taken (and so not
     * acknowledged).
     */
    public void submit(List<Incoming> items) throws InterruptedException {
        submitted.acquire();
        try {
            appendThread.execute(() -> {
                try {
                    refuse(offer(items));
                    // while the store cannot be reached this batch keeps its permit, so the consumer soon waits
                    // (backpressure) instead of taking poll after poll into memory; offered again until it answers
                    long backoffMillis = 100;
                    while (storeUnreachable && !appendThread.isShutdown()) {
                        Thread.sleep(backoffMillis);
                        backoffMillis = Math.min(2000, backoffMillis * 2);
                        refuse(offer(List.of()));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    LOG.warn("offering a batch failed; those of its transactions it had not taken yet stay unacknowledged", e);
                } finally {
                    submitted.release();
                }
            });
        } catch (RejectedExecutionException e) {
            submitted.release(); // shut down (stop): not taken, so not acknowledged
        }
    }

    /** Acknowledges a transaction's record; a failure is logged (the record is delivered again and recognised as a repeat). */
    private static void acknowledge(Incoming item) {
        try {
            item.acknowledge().run();
        } catch (RuntimeException e) {
            LOG.warn("acknowledging a transaction failed; its record is delivered again and recognised as a repeat", e);
        }
    }

    /** Tells each refused transaction's sender (outside the appender's monitor where the caller holds none). */
    private static void refuse(List<Incoming> refused) {
        for (Incoming item : refused) {
            try {
                item.refuse().run();
            } catch (RuntimeException e) {
                LOG.warn("refusing a transaction failed; its record stays unacknowledged", e);
            }
        }
    }

    /**
     * Takes verified notarised transactions in any order and hands every one that is next in sequence, as one
     * batch, to the write thread (waiting, if {@value #MAX_IN_FLIGHT} batches are in its hands, until one is
     * committed); it returns before that batch is committed, and a failed write is retried by the appender, not
     * reported here. Returns the ones that are refused (a sequence number already used by another transaction);
     * the caller {@link Incoming#refuse refuses} them. Every transaction is placed before the store is asked
     * anything, so a store that fails (unreachable, a failed read) delays the ones it concerns but never
     * leaves a gap that holds up those behind them until a restart.
     */
    public synchronized List<Incoming> offer(List<Incoming> items) {
        List<Incoming> refused = new ArrayList<>();
        Connection c;
        try {
            c = store.connection();
            storeUnreachable = false;
        } catch (SQLException | RuntimeException e) {
            // the transactions wait with the appender all the same: appended once the store answers
            storeUnreachable = true;
            take(items, refused);
            LOG.warnf("the store cannot be reached; %d transactions wait with the appender: %s", pending.size(), e.toString());
            return refused;
        }
        try {
            if (unknownOutcome) {
                try {
                    resynchronise(c, refused);
                } catch (SQLException | RuntimeException e) {
                    // nothing is appended on a state that may be stale; the items below still wait (or are answered)
                    LOG.warnf("reading the log back after a failed commit failed; retried: %s", e.toString());
                }
            }
            take(items, refused);
            checkRepeats(c, refused);
            if (unknownOutcome) {
                return refused; // appended once the read-back succeeds (checkpointIfBehind retries it)
            }
            if (!pending.isEmpty() && pending.firstKey() == headSize && !awaitRoomInFlight()) {
                return refused; // shutting down: what waits is delivered again after the restart
            }
            if (unknownOutcome) {
                return refused; // a write failed while this offer waited: read back first (the next offer does)
            }
            List<Incoming> next = new ArrayList<>();
            while (!pending.isEmpty() && pending.firstKey() == headSize + next.size()) {
                next.add(pending.pollFirstEntry().getValue());
            }
            if (!next.isEmpty()) {
                handToWriter(c, next);
            }
        } finally {
            try {
                c.close();
            } catch (SQLException e) {
                LOG.debugf("closing a store connection failed: %s", e.getMessage()); // what was decided stands
            }
        }
        return refused;
    }

    /**
     * Places each transaction without reading the store: one under a sequence the log already holds waits in
     * {@link #unchecked} for {@link #checkRepeats}; a repeat of one already waiting is acknowledged, a clash with it
     * refused; a new one waits in {@link #pending} for its turn. Beyond {@code max-pending} waiting in either
     * place a transaction is not taken (left unacknowledged, delivered again after a restart), except the next
     * in sequence, which the others wait for. Called with the monitor held.
     */
    private void take(List<Incoming> items, List<Incoming> refused) {
        int overflow = 0;
        for (Incoming item : items) {
            long sequence = item.transaction().sequence();
            if (sequence < size) {
                if (unchecked.size() >= config.maxPending()) {
                    overflow++;
                } else {
                    unchecked.add(item);
                }
                continue;
            }
            Incoming held = pending.get(sequence);
            if (held == null) {
                held = inFlightAt(sequence); // being written: a repeat is acknowledged as one of a waiting transaction is
            }
            if (held != null) {
                if (held.transaction().txId().equals(item.transaction().txId())) {
                    metrics.duplicate();
                    acknowledge(item);
                } else {
                    refused.add(item);
                }
                continue;
            }
            if (pending.size() >= config.maxPending() && sequence != headSize) {
                overflow++; // the one the others wait for is always taken
                continue;
            }
            pending.put(sequence, item);
        }
        if (overflow > 0) {
            LOG.errorf("%d transactions not taken: %d wait for sequence %d and %d for a comparison with the store "
                    + "(tradenet.ledger.max-pending); they stay unacknowledged until a restart", overflow, pending.size(), headSize,
                    unchecked.size());
        }
    }

    /**
     * Compares each {@link #unchecked} transaction with what the log holds under its sequence: the same
     * transaction is a repeat (a redelivery: acknowledged), another one a clash (refused). If the store cannot
     * be read they stay unchecked, and are compared at the next offer ({@link #checkpointIfBehind} makes one
     * while any wait); the new transactions of the same offer are already in place, so a failed comparison
     * holds up nothing behind it. Called with the monitor held.
     */
    private void checkRepeats(Connection c, List<Incoming> refused) {
        if (unchecked.isEmpty()) {
            return;
        }
        Map<Long, String> stored;
        try {
            stored = store.txIdsAt(c, unchecked.stream().map(item -> item.transaction().sequence()).toList());
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("comparing %d repeated transactions with the store failed; compared again at the next offer: %s",
                    unchecked.size(), e.toString());
            return;
        }
        for (Incoming item : unchecked) {
            if (item.transaction().txId().equals(stored.get(item.transaction().sequence()))) {
                metrics.duplicate();
                acknowledge(item);
            } else {
                refused.add(item);
            }
        }
        unchecked.clear();
    }

    /** The transaction in flight under this sequence, or null. Called with the monitor held. */
    private Incoming inFlightAt(long sequence) {
        for (Prepared prepared : inFlight) {
            Incoming item = prepared.at(sequence);
            if (item != null) {
                return item;
            }
        }
        return null;
    }

    /**
     * Waits (releasing the monitor, which the write thread takes to finish a batch) until fewer than
     * {@link #MAX_IN_FLIGHT} batches are in flight; false if the write thread is shut down. Called with the monitor held.
     */
    private boolean awaitRoomInFlight() {
        while (inFlight.size() >= MAX_IN_FLIGHT) {
            if (writeThread.isShutdown()) {
                return false;
            }
            try {
                wait(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /**
     * Prepares the batch on the head and hands it to the write thread; the head moves past it. If it cannot be
     * prepared (the store could not be read) or handed over (shutting down), its transactions wait with the appender
     * again and the head stays. Called with the monitor held.
     */
    private void handToWriter(Connection c, List<Incoming> batch) {
        Prepared prepared = null;
        try {
            prepared = prepare(c, batch);
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("preparing a batch failed; the appender holds it and retries it: %s", e.toString());
            LOG.debug("prepare failure", e);
        } finally {
            if (prepared == null) { // whatever was thrown: the batch waits with the appender again
                batch.forEach(item -> pending.put(item.transaction().sequence(), item));
            }
        }
        if (prepared == null) {
            return;
        }
        Prepared handed = prepared;
        try {
            writeThread.execute(() -> write(handed));
        } catch (RejectedExecutionException e) {
            batch.forEach(item -> pending.put(item.transaction().sequence(), item)); // shutting down: not acknowledged
            return;
        }
        inFlight.addLast(prepared);
        headFrontier = prepared.tree();
        headLeaf = prepared.lastLeaf();
        headSize = prepared.size();
    }

    /**
     * The batch's entries on top of the head: each entry's document, leaf hash and link to the one before, the tree
     * nodes it completes, the parties it concerns, and the checkpoint of the tree with the batch, signed (stored in
     * the same database transaction as its entries: one commit, one WAL flush per batch, and never entries without
     * their checkpoint or the reverse). Its time is when it was prepared (the entries' {@code appended_at} too). Reads the store
     * only for the participants of the states the batch consumes. The note is stored only with the batch: a note whose
     * COMMIT failed is served only if the read-back after it finds that the COMMIT landed. Called with the monitor held.
     */
    private Prepared prepare(Connection c, List<Incoming> batch) throws SQLException {
        MerkleFrontier tree = headFrontier.copy();
        byte[] previous = headLeaf;
        List<LedgerStore.NewEntry> rows = new ArrayList<>(batch.size());
        Map<StateRef, List<String>> created = new HashMap<>();
        long index = headSize;
        Map<StateRef, List<String>> knownStates = partiesOfInputs(c, batch);
        for (Incoming item : batch) {
            NotarisedTransaction notarised = item.transaction();
            JsonNode document = LedgerEntry.document(index, previous, notarised);
            byte[] leafData = CanonicalJson.bytes(document, notarised.transaction(), item.canonicalTransaction());
            byte[] leaf = Rfc9162.leafHash(leafData);
            // in its stored form, as a read from the store gives it back, with its bytes kept (the listeners serve it from memory)
            LedgerEntry entry = LedgerEntry.stored(index, notarised.txId(), Hashing.b64(leaf), Hashing.b64(previous), leafData);
            List<MerkleFrontier.Node> nodes = tree.append(leaf);
            EntryParties.Concerned concerned = EntryParties.of(notarised, knownStates);
            if (!concerned.outputParties().isEmpty()) {
                Map<StateRef, List<String>> states = concerned.createdStates(notarised.txId());
                knownStates.putAll(states); // a later transaction of this batch may consume them
                created.putAll(states);
            }
            rows.add(new LedgerStore.NewEntry(entry, leaf, previous, leafData, nodes, concerned.parties(), concerned.outputParties()));
            previous = leaf;
            index++;
        }
        Instant signedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Checkpoint checkpoint = new Checkpoint(config.origin(), index, tree.root());
        return new Prepared(generation, batch, rows, tree, checkpoint, sign(checkpoint), signedAt, created);
    }

    /**
     * On the write thread: writes the batch, its tree nodes and its checkpoint in one database transaction and
     * commits; then, under the monitor, makes it the committed log ({@link #committed(Prepared)}) or, if anything
     * failed, puts it and every batch prepared after it back ({@link #failed}). A batch of an earlier generation
     * (prepared before a failed one) is dropped unwritten: its transactions already wait with the appender again.
     */
    private void write(Prepared prepared) {
        if (prepared.generation() != generation) {
            return; // only this thread changes the generation, so it cannot change under this check
        }
        Connection c = null;
        boolean autoCommit = true;
        boolean committing = false;
        boolean committed = false;
        try {
            c = store.connection();
            autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            store.append(c, prepared.rows(), prepared.signedAt());
            store.insertCheckpoint(c, prepared.checkpoint(), prepared.note(), prepared.signedAt());
            committing = true;
            c.commit();
            committed = true;
        } catch (SQLException | RuntimeException e) {
            // failed() below puts the batch back with the appender, which retries it
            LOG.warnf("append failed; the appender holds the batch and retries it: %s", e.toString());
            LOG.debug("append failure", e);
        } finally {
            settle(prepared, c, autoCommit, committing, committed);
        }
    }

    /**
     * After a write, whatever it threw: returns the connection, then makes the batch the committed log or puts it and
     * every batch after it back, and wakes the append thread.
     */
    private void settle(Prepared prepared, Connection c, boolean autoCommit, boolean committing, boolean committed) {
        if (c != null) {
            if (!committed) {
                try {
                    c.rollback();
                } catch (SQLException e) {
                    LOG.debugf("rollback after a failed append: %s", e.getMessage());
                }
            }
            try {
                c.setAutoCommit(autoCommit);
                c.close();
            } catch (SQLException e) {
                LOG.debugf("returning a store connection failed: %s", e.getMessage()); // what was decided stands
            }
        }
        synchronized (this) {
            try {
                if (!committed) {
                    failed(committing);
                } else if (inFlight.peekFirst() != prepared) {
                    // cannot happen while every write settles here; if it did, the store is the truth: read it back
                    LOG.errorf("a batch committed out of turn (size %d); reading the log back before anything else", prepared.size());
                    failed(true);
                } else {
                    committed(prepared);
                }
            } finally {
                notifyAll(); // room in flight for the append thread
            }
        }
    }

    /** The oldest batch in flight is committed: it becomes the committed log, then is acknowledged and announced. Called with the monitor held. */
    private void committed(Prepared prepared) {
        inFlight.removeFirst();
        frontier = prepared.tree();
        lastLeaf = prepared.lastLeaf();
        size = prepared.size();
        try {
            store.committed(prepared.rows(), size);
            metrics.appended(prepared.batch().size());
        } catch (RuntimeException e) {
            LOG.warn("keeping a committed batch's tree nodes in memory failed; proofs read them from the store", e);
        }
        prepared.batch().forEach(item -> uncheckpointed.add(item.receivedNanos()));
        checkpointed(prepared.note(), prepared.signedAt());
        prepared.batch().forEach(Appender::acknowledge); // durable, and in a signed checkpoint
        announce(new Appended(prepared.rows().stream().map(LedgerStore.NewEntry::entry).toList(), latestNote, size));
    }

    /**
     * The oldest batch in flight failed: it and every batch prepared after it wait with the appender again (a later
     * offer, or {@link #checkpointIfBehind}, prepares them anew), and the head goes back to the committed log. Before
     * COMMIT nothing was stored; a failed COMMIT may have been carried out all the same, which is read from the store
     * before anything else is appended ({@link #resynchronise}). Called with the monitor held.
     */
    private void failed(boolean committing) {
        generation++;
        for (Prepared prepared : inFlight) {
            prepared.batch().forEach(item -> pending.put(item.transaction().sequence(), item));
        }
        inFlight.clear();
        headOnCommitted();
        unknownOutcome |= committing;
    }

    private void announce(Appended appended) {
        for (Consumer<Appended> listener : listeners) {
            try {
                listener.accept(appended);
            } catch (RuntimeException e) {
                LOG.warn("a ledger listener failed", e);
            }
        }
    }

    /** Signs and stores a checkpoint of the current tree. Called with the monitor held. */
    private void signCheckpoint(Connection c) throws SQLException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Checkpoint checkpoint = new Checkpoint(config.origin(), size, frontier.root());
        String note = sign(checkpoint);
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(true);
        try {
            store.insertCheckpoint(c, checkpoint, note, now);
        } finally {
            c.setAutoCommit(autoCommit);
        }
        checkpointed(note, now);
    }

    /** The checkpoint as a C2SP signed note, under the ledger's origin and key. */
    private String sign(Checkpoint checkpoint) {
        return SignedNote.sign(checkpoint.body(), config.origin(), identity.key());
    }

    /** The note of the current tree is stored: it is the one served and streamed from now on. Called with the monitor held. */
    private void checkpointed(String note, Instant signedAt) {
        latestNote = note;
        checkpointSize = size;
        checkpointAt = signedAt;
        long signedNanos = System.nanoTime();
        uncheckpointed.forEach(received -> metrics.integrated(received, signedNanos));
        uncheckpointed.clear();
    }

    /** At least once per interval while entries arrive (each batch already carries its own signed checkpoint). */
    @Scheduled(every = "${tradenet.ledger.checkpoint-interval:500ms}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void checkpointIfBehind() {
        List<Incoming> refused = List.of();
        synchronized (this) {
            if (unknownOutcome || !pending.isEmpty() && pending.firstKey() == headSize || !unchecked.isEmpty()) {
                // a batch whose commit failed earlier: learn whether it was stored, then append what is still missing;
                // transactions that waited for an unreachable store or for a comparison with it: offered again
                refused = offer(List.of());
            }
            if (checkpointSize != size) {
                try (Connection c = store.connection()) {
                    signCheckpoint(c);
                } catch (SQLException | RuntimeException e) {
                    LOG.warnf("could not sign a checkpoint: %s", e.getMessage());
                }
            }
        }
        refuse(refused);
    }

    /**
     * Participants of the states the batch consumes that the ledger saw created: by a batch still in flight (not in
     * the store yet, or only just committed), else as stored. Called with the monitor held.
     */
    private Map<StateRef, List<String>> partiesOfInputs(Connection c, List<Incoming> batch) throws SQLException {
        Set<StateRef> refs = EntryParties.inputsOf(batch.stream().map(Incoming::transaction).toList());
        Map<StateRef, List<String>> known = new HashMap<>();
        Set<StateRef> stored = new HashSet<>();
        for (StateRef ref : refs) {
            List<String> parties = null;
            for (Prepared prepared : inFlight) {
                parties = prepared.createdStates().getOrDefault(ref, parties);
            }
            if (parties != null) {
                known.put(ref, parties);
            } else {
                stored.add(ref);
            }
        }
        if (!stored.isEmpty()) {
            known.putAll(LedgerStore.stateParties(c, stored));
        }
        return known;
    }
}
