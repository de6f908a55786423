package io.tradenet.ledger.messaging;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.tradenet.contract.envelope.Envelope;
import io.tradenet.contract.envelope.Envelopes;
import io.tradenet.contract.ledger.AuditBatch;
import io.tradenet.contract.ledger.AuditEvent;
import io.tradenet.contract.messaging.EnvelopeRecords;
import io.tradenet.contract.messaging.Topics;
import io.tradenet.contract.party.NetworkIdentity;
import io.tradenet.ledger.append.LedgerMetrics;
import io.tradenet.ledger.storage.LedgerStore;
import io.tradenet.ledger.stream.AuditStream;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.interceptor.Interceptor;
import jakarta.enterprise.event.Observes;
import io.tradenet.ledger.config.LedgerConfig;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Relays the log to {@value Topics#LEDGER_AUDIT} (one partition), in order, from where the topic is
 * known to hold it: it follows the same store-backed stream as the SSE subscribers, signs one envelope
 * per {@link AuditBatch#MAX_EVENTS} events, sends a page's envelopes together, and records how far Kafka
 * has acknowledged after each page. A restart therefore resumes without a gap; at most the last
 * unacknowledged page repeats.
 * Once caught up it pauses {@code tradenet.ledger.audit-relay-pause} between pages, so that envelopes
 * carry many events rather than one each.
 */
@ApplicationScoped
public class AuditPublisher {

    private static final Logger LOG = Logger.getLogger(AuditPublisher.class);

    @Inject
    @Channel(Topics.LEDGER_AUDIT)
    MutinyEmitter<String> audit;

    @Inject
    NetworkIdentity identity;

    @Inject
    AuditStream stream;

    @Inject
    LedgerStore store;

    @Inject
    LedgerMetrics metrics;

    @Inject
    LedgerConfig config;

    private final AtomicLong position = new AtomicLong();
    private volatile Cancellable relay;
    private volatile boolean stopping;

    /** After the appender has loaded the stored log (default observers run at APPLICATION + 500). */
    void start(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000) StartupEvent event) throws SQLException {
        long from;
        try (Connection c = store.connection()) {
            from = store.auditPublishedThrough(c);
        }
        LOG.infof("relaying the ledger to %s from index %d", Topics.LEDGER_AUDIT, from);
        position.set(from);
        metrics.gauge(LedgerMetrics.AUDIT_RELAY_POSITION, "entries the ledger-audit topic has acknowledged (relay lag = size - position)",
                position::get);
        // pages as the store yields them, cut to envelope size: pulled one at a time, so the relay never
        // outruns Kafka (a time-based grouping here emitted without demand and failed under load)
        relay = stream.pages(from, null)
                .onItem().transformToUniAndConcatenate(this::publishPage)
                .subscribe().with(v -> { }, failure -> {
                    if (!stopping) {
                        // the stream ends only on a storage failure: the service is then unready and restarts
                        LOG.error("the audit relay stopped; it resumes from the recorded position after a restart", failure);
                        metrics.auditRelayFailed();
                    }
                });
    }

    static List<List<AuditEvent>> batches(List<AuditEvent> page) {
        List<List<AuditEvent>> out = new java.util.ArrayList<>();
        for (int i = 0; i < page.size(); i += AuditBatch.MAX_EVENTS) {
            out.add(page.subList(i, Math.min(page.size(), i + AuditBatch.MAX_EVENTS)));
        }
        return out;
    }

    /**
     * A page's envelopes, all in flight at once, then its position recorded once. The idempotent producer
     * keeps them in order on the topic's one partition, its own retries included. If one still fails, the
     * relay waits until every send of the page has settled and sends the whole page again from its first
     * envelope: the topic may then hold events again, or (a failed envelope behind later ones) out of
     * order, and a subscriber that keeps only the next index it expects reads every event once, in order.
     * After a short page (caught up), the pause before the next read.
     */
    private Uni<Void> publishPage(List<AuditEvent> page) {
        List<Envelope> envelopes = batches(page).stream().map(this::seal).toList();
        long through = page.get(page.size() - 1).index() + 1;
        Uni<Void> published = Uni.createFrom().deferred(() -> sendAll(envelopes))
                .onFailure().invoke(failure -> LOG.warnf("the audit relay sends the page from index %d again: %s",
                        page.get(0).index(), failure.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).indefinitely()
                .onItem().invoke(() -> record(through));
        return page.size() < config.pageSize() ? published.onItem().delayIt().by(config.auditRelayPause()) : published;
    }

    private Envelope seal(List<AuditEvent> events) {
        return Envelopes.seal(Topics.TYPE_AUDIT_EVENTS, Long.toString(events.get(0).index()), new AuditBatch(events), identity.key());
    }

    private Uni<Void> sendAll(List<Envelope> envelopes) {
        // subscribed in list order, so the sink hands them to the producer in index order
        List<Uni<Void>> sends = envelopes.stream()
                .map(envelope -> audit.sendMessage(EnvelopeRecords.message(envelope, envelope.correlationId())))
                .toList();
        // andCollectFailures: a retry of the page starts only once none of its sends is still in flight
        return Uni.join().all(sends).andCollectFailures().replaceWithVoid();
    }

    private void record(long through) {
        position.set(through);
        try (Connection c = store.connection()) {
            store.auditPublished(c, through);
        } catch (SQLException e) {
            // only the restart position is stale: a restart republishes a little more
            LOG.warnf("could not record the audit relay position %d: %s", through, e.getMessage());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        Cancellable r = relay;
        if (r != null) {
            r.cancel();
        }
    }
}
