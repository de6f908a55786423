package io.tradenet.notary.commit;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tradenet.contract.notary.NotarisationOutcome;
import io.tradenet.notary.config.NotaryConfig;
import io.tradenet.notary.signing.BatchSigner;
import io.tradenet.notary.uniqueness.Committed;
import io.tradenet.notary.uniqueness.PendingCommit;
import io.tradenet.notary.uniqueness.UniquenessProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A bounded queue in front of one committer thread. The committer takes whatever is queued (up to the
 * batch size, waiting at most max-wait for more) and commits it as one batch under one signature. It then
 * hands the committed batch to one answering thread, which completes every waiting caller (their replies
 * are sealed, signed and sent on it) and gives the newly notarised transactions to the publisher, in
 * commit order; meanwhile the committer already gathers and commits the next batch. At most
 * {@value #ANSWERING_AHEAD} committed batches wait for the answering thread; then the committer holds one
 * more and waits for room. Stopping, every committed batch is still answered, in commit order, and the
 * queued callers get a temporary error. When the queue is full a caller is answered at once with a
 * temporary error carrying an estimate of when to retry, instead of waiting without bound.
 */
@ApplicationScoped
public class CommitPipeline {

    private static final Logger LOG = Logger.getLogger(CommitPipeline.class);
    /** Committed batches that may wait for the answering thread (the committer then holds one more, waiting for room). */
    static final int ANSWERING_AHEAD = 4;
    /** How long the committer, stopping, waits for the answering thread to finish what it holds. */
    private static final long ANSWERER_STOP_MILLIS = 5000;

    /** A caller waiting for its answer. */
    private record Ticket(PendingCommit commit, CompletableFuture<NotarisationOutcome> answer, long enqueuedNanos) {
    }

    private final NotaryConfig.Batch settings;
    private final UniquenessProvider provider;
    private final BatchSigner signer;
    private final NotaryMetrics metrics;
    private final ArrayBlockingQueue<Ticket> queue;
    private volatile Consumer<Committed> onCommitted = c -> { };
    private volatile boolean running;
    private Thread committer;
    /** Committed batches waiting to be answered and published, in commit order. */
    private final ArrayBlockingQueue<Runnable> answering = new ArrayBlockingQueue<>(ANSWERING_AHEAD);
    private Thread answerer;
    /** A committed batch the committer held when it was stopped: answered once the answering thread is done. */
    private Runnable heldAtStop;
    /** Exponentially weighted committed requests per second, for Retry-After estimates. */
    private volatile double throughput = 1000;

    @Inject
    public CommitPipeline(NotaryConfig config, Instance<UniquenessProvider> providers, BatchSigner signer, NotaryMetrics metrics) {
        this(config.batch(), providers.get(), signer, metrics);
    }

    CommitPipeline(NotaryConfig.Batch settings, UniquenessProvider provider, BatchSigner signer, NotaryMetrics metrics) {
        this.settings = settings;
        this.provider = provider;
        this.signer = signer;
        this.metrics = metrics;
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        metrics.queueDepth(queue::size);
    }

    void start(@Observes StartupEvent event) {
        start();
    }

    void start() {
        running = true;
        committer = new Thread(this::run, "notary-committer");
        committer.setDaemon(true);
        answerer = new Thread(this::answer, "notary-answerer");
        answerer.setDaemon(true);
        answerer.start();
        committer.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (committer != null) {
            committer.interrupt();
            answerer.interrupt();
        }
    }

    /** Where newly notarised transactions go after their commit (the Kafka publisher). */
    public void onCommitted(Consumer<Committed> listener) {
        this.onCommitted = listener;
    }

    /** Enqueues without waiting; a full queue answers at once with General and a retry estimate. */
    public CompletableFuture<NotarisationOutcome> submit(PendingCommit commit) {
        Ticket ticket = new Ticket(commit, new CompletableFuture<>(), System.nanoTime());
        if (!queue.offer(ticket)) {
            ticket.answer.complete(saturated(commit.txId()));
        }
        return ticket.answer;
    }

    /** Enqueues, waiting up to {@code patience} for room (the Kafka consumer: backpressure reaches the broker). */
    public CompletableFuture<NotarisationOutcome> submitWaiting(PendingCommit commit, Duration patience) {
        Ticket ticket = new Ticket(commit, new CompletableFuture<>(), System.nanoTime());
        try {
            if (!queue.offer(ticket, patience.toMillis(), TimeUnit.MILLISECONDS)) {
                ticket.answer.complete(saturated(commit.txId()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ticket.answer.complete(new NotarisationOutcome.General(commit.txId(), "notary shutting down", 1000));
        }
        return ticket.answer;
    }

    public int depth() {
        return queue.size();
    }

    /** Seconds a caller should wait before retrying, from the queue depth and recent throughput. */
    public long retryAfterMillis() {
        return Math.max(100, (long) (1000.0 * queue.size() / Math.max(1.0, throughput)));
    }

    private NotarisationOutcome saturated(String txId) {
        return new NotarisationOutcome.General(txId, "notary queue full (" + queue.size() + " waiting)", retryAfterMillis());
    }

    private void run() {
        List<Ticket> batch = new ArrayList<>(settings.maxSize());
        while (running) {
            try {
                batch.clear();
                Ticket first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, settings.maxSize() - 1);
                long waitNanos = settings.maxWait().toNanos();
                long deadline = System.nanoTime() + waitNanos;
                while (batch.size() < settings.maxSize() && waitNanos > 0) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    Ticket next = queue.poll(left, TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                    queue.drainTo(batch, settings.maxSize() - batch.size());
                }
                commit(batch);
            } catch (InterruptedException e) {
                // only stop() interrupts; the tickets taken for this batch were not committed: they may retry
                answerAll(batch, "notary shutting down");
                if (!running) {
                    break;
                }
            } catch (RuntimeException e) {
                LOG.error("committer failed on a batch", e);
                answerAll(batch, "internal error");
            }
        }
        // committed batches are durable: each is answered, in commit order, before the queued callers are turned away;
        // the stop's interrupt has done its work here, and must not cut short the wait for the answering thread
        Thread.interrupted();
        try {
            answerer.join(ANSWERER_STOP_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Runnable committed = answering.poll(); committed != null; committed = answering.poll()) {
            runAnswering(committed);
        }
        if (heldAtStop != null) {
            runAnswering(heldAtStop);
        }
        answerAll(new ArrayList<>(queue), "notary shutting down");
    }

    /** Answers every ticket not answered yet with a temporary error: the caller may retry. */
    private static void answerAll(List<Ticket> tickets, String reason) {
        for (Ticket t : tickets) {
            t.answer.complete(new NotarisationOutcome.General(t.commit.txId(), reason, 1000));
        }
    }

    /** The answering thread: runs committed batches' answers and publication in commit order. */
    private void answer() {
        while (running || !answering.isEmpty()) {
            Runnable next;
            try {
                next = answering.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                next = answering.poll();
                if (next == null) {
                    break;
                }
            }
            if (next != null) {
                runAnswering(next);
            }
        }
    }

    private static void runAnswering(Runnable committedBatch) {
        try {
            committedBatch.run();
        } catch (Throwable e) {
            // the answering thread must outlive any one batch: the committer waits on it
            LOG.error("answering a committed batch failed", e);
        }
    }

    private void commit(List<Ticket> batch) {
        long started = System.nanoTime();
        List<PendingCommit> commits = batch.stream().map(Ticket::commit).toList();
        Committed committed;
        try {
            committed = provider.commit(commits, signer);
        } catch (UniquenessProvider.TemporaryFailure e) {
            LOG.warnf("batch of %d not committed: %s", batch.size(), e.getMessage());
            answerAll(batch, "commit failed temporarily; retry");
            return;
        }
        metrics.batch(batch.size());
        List<Ticket> answered = List.copyOf(batch);
        Runnable answer = () -> answerAndPublish(answered, committed);
        try {
            // waits while the answering thread is ANSWERING_AHEAD batches behind, so that time counts below
            answering.put(answer);
        } catch (InterruptedException e) {
            // stopping with a committed batch in hand: it is durable, so run() answers it after those before it
            heldAtStop = answer;
            Thread.currentThread().interrupt();
        }
        double seconds = Math.max(1e-6, (System.nanoTime() - started) / 1e9);
        throughput = 0.8 * throughput + 0.2 * (batch.size() / seconds);
    }

    /** Completes every caller's answer, then hands the newly notarised transactions to the publisher. */
    private void answerAndPublish(List<Ticket> batch, Committed committed) {
        try {
            Set<String> newlyNotarised = new HashSet<>();
            committed.notarised().forEach(n -> newlyNotarised.add(n.txId()));
            for (int i = 0; i < batch.size(); i++) {
                Ticket t = batch.get(i);
                NotarisationOutcome outcome = committed.outcomes().get(i);
                metrics.answered(outcome, t.enqueuedNanos, t.commit.transaction() == null ? 0 : t.commit.transaction().inputs().size(),
                        newlyNotarised.remove(t.commit.txId()));
                t.answer.complete(outcome);
            }
        } catch (RuntimeException e) {
            // the batch is committed: a retry gets its recorded answer
            LOG.error("answering a committed batch failed; its callers not answered yet get a temporary error", e);
            answerAll(batch, "internal error");
        }
        if (!committed.notarised().isEmpty()) {
            try {
                onCommitted.accept(committed);
            } catch (RuntimeException e) {
                LOG.warn("publishing a committed batch failed; the outbox relay will publish it again", e);
            }
        }
    }
}
