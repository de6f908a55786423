package io.tradenet.ledger.messaging;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.tradenet.contract.envelope.Envelope;
import io.tradenet.contract.envelope.Envelopes;
import io.tradenet.contract.ledger.AuditEvent;
import io.tradenet.contract.ledger.LedgerEntry;
import io.tradenet.contract.messaging.EnvelopeRecords;
import io.tradenet.contract.messaging.Topics;
import io.tradenet.contract.party.NetworkIdentity;
import io.tradenet.ledger.append.Appender;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Publishes every appended entry, in order, on {@value Topics#LEDGER_AUDIT} (one partition), signed by
 * the ledger, with the checkpoint that includes it. Consumers drop repeats by index.
 */
@ApplicationScoped
public class AuditPublisher {

    @Inject
    @Channel(Topics.LEDGER_AUDIT)
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 100_000)
    MutinyEmitter<String> audit;

    @Inject
    NetworkIdentity identity;

    @Inject
    Appender appender;

    void start(@Observes StartupEvent event) {
        appender.onAppended(this::publish);
    }

    void publish(Appender.Appended appended) {
        for (LedgerEntry entry : appended.entries()) {
            AuditEvent event = new AuditEvent(entry.index(), entry.leafHash(), entry, appended.checkpointNote());
            Envelope envelope = Envelopes.seal(Topics.TYPE_AUDIT_EVENT, entry.txId(), event, identity.key());
            audit.sendMessage(EnvelopeRecords.message(envelope, Long.toString(entry.index()))).subscribe().with(v -> { }, e -> { });
        }
    }
}
