package io.tradenet.ledger.stream;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tradenet.contract.ledger.AuditEvent;
import io.tradenet.contract.ledger.LedgerEntry;
import io.tradenet.ledger.append.Appender;
import io.tradenet.ledger.append.LedgerMetrics;
import io.tradenet.ledger.config.LedgerConfig;
import io.tradenet.ledger.storage.LedgerStore;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The audit stream: from any index on, every entry (or, for a party, every entry it is party to) in
 * order, each exactly once, then live entries as they are appended. Reads come from the database, so
 * a subscriber that falls behind or resumes later misses nothing; new appends wake it up, and the latest
 * of them are kept in memory ({@link RecentEntries}) for the subscribers to every entry that keep up.
 * Each event carries the latest checkpoint, signed after the entry was appended, so it includes it.
 */
@ApplicationScoped
public class AuditStream {

    private static final Duration IDLE_WAKE_UP = Duration.ofSeconds(15);

    private final LedgerStore store;
    private final Appender appender;
    private final LedgerConfig config;
    private final AtomicReference<CompletableFuture<Void>> nextAppend = new AtomicReference<>(new CompletableFuture<>());
    private final AtomicInteger subscribers = new AtomicInteger();
    private final RecentEntries recent;
    private final ExecutorService readers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "audit-stream-reader");
        t.setDaemon(true);
        return t;
    });

    @Inject
    public AuditStream(LedgerStore store, Appender appender, LedgerConfig config, LedgerMetrics metrics) {
        this.store = store;
        this.appender = appender;
        this.config = config;
        this.recent = new RecentEntries(config.recentEntries());
        appender.onAppended(appended -> {
            recent.appended(appended.entries());
            nextAppend.getAndSet(new CompletableFuture<>()).complete(null);
        });
        metrics.gauge(LedgerMetrics.AUDIT_SUBSCRIBERS, "open audit stream subscriptions", subscribers::get);
    }

    /** Events from {@code from} on; {@code party} null means every entry (regulators). */
    public Multi<AuditEvent> events(long from, String party) {
        return pages(from, party).onItem().transformToIterable(events -> events);
    }

    /**
     * The same events a page at a time, as read from the store: a page is read only when the subscriber asks
     * for the next one, so a slow subscriber holds back the reads instead of failing on a full buffer.
     */
    public Multi<List<AuditEvent>> pages(long from, String party) {
        AtomicLong cursor = new AtomicLong(Math.max(0, from));
        return Multi.createBy().repeating()
                .uni(() -> Uni.createFrom().completionStage(() -> nextPage(cursor, party)))
                .indefinitely()
                .select().where(page -> !page.isEmpty())
                .onSubscription().invoke(() -> subscribers.incrementAndGet())
                .onTermination().invoke(() -> subscribers.decrementAndGet());
    }

    private CompletableFuture<List<AuditEvent>> nextPage(AtomicLong cursor, String party) {
        CompletableFuture<Void> wake = nextAppend.get();
        if (cursor.get() >= appender.latestCheckpointSize()) {
            // caught up: wait for the next append (or wake up idle to keep the connection checked)
            // time out a copy: completing the shared future itself would leave it completed for every later
            // caller until the next append, and each subscriber would spin on empty reads
            return wake.copy().completeOnTimeout(null, IDLE_WAKE_UP.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                    .thenApplyAsync(v -> read(cursor, party), readers);
        }
        return CompletableFuture.supplyAsync(() -> read(cursor, party), readers);
    }

    private List<AuditEvent> read(AtomicLong cursor, String party) {
        // the size is read from the note itself, so an event never carries a note that does not cover it
        String checkpoint = appender.latestCheckpointNote();
        long covered = checkpoint == null ? 0 : Long.parseLong(checkpoint.split("\n", 3)[1]);
        long from = cursor.get();
        if (from >= covered) {
            return List.of();
        }
        int limit = (int) Math.min(config.pageSize(), covered - from);
        // every entry from an index on: from memory if it still holds that index (a subscriber that keeps up)
        List<LedgerEntry> held = party == null ? recent.range(from, limit) : null;
        if (held != null) {
            return events(cursor, party, from, limit, covered, checkpoint, held);
        }
        try (Connection c = store.connection()) {
            List<LedgerEntry> entries = party == null ? store.entries(c, from, limit) : store.entriesOf(c, party, from, limit);
            return events(cursor, party, from, limit, covered, checkpoint, entries);
        } catch (SQLException e) {
            throw new IllegalStateException("audit stream read failed: " + e.getMessage(), e);
        }
    }

    /** The events of the entries read from {@code from} that the checkpoint covers; moves the cursor past them. */
    private static List<AuditEvent> events(AtomicLong cursor, String party, long from, int limit, long covered, String checkpoint,
                                           List<LedgerEntry> entries) {
        List<AuditEvent> events = entries.stream().filter(e -> e.index() < covered)
                .map(e -> new AuditEvent(e.index(), e.leafHash(), e, checkpoint)).toList();
        if (party == null) {
            cursor.set(from + events.size());
        } else {
            cursor.set(events.isEmpty() || entries.size() < limit ? covered : events.get(events.size() - 1).index() + 1);
        }
        return events;
    }

    @PreDestroy
    void stop() {
        nextAppend.get().complete(null);
        readers.shutdownNow();
    }
}
