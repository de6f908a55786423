package io.tradenet.lc.notarisation;

import io.tradenet.contract.envelope.Envelope;
import io.tradenet.contract.envelope.Envelopes;
import io.tradenet.contract.messaging.EnvelopeRecords;
import io.tradenet.contract.messaging.Topics;
import io.tradenet.contract.notary.OutcomeBatch;
import io.tradenet.contract.party.NetworkIdentity;
import io.tradenet.contract.party.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Reads the notary's answers (every instance reads all of them, in its own consumer group). A record
 * that is not a notary-signed batch of answers is nacked, and SmallRye's dead-letter strategy moves it
 * to {@value Topics#NOTARY_REPLIES_DLQ} with the reason; the consumer goes on.
 */
@ApplicationScoped
public class NotaryReplyConsumer {

    @Inject
    NetworkIdentity identity;

    @Inject
    NotaryClient client;

    @Inject
    io.tradenet.lc.metrics.LcMetrics metrics;

    @Incoming(Topics.NOTARY_REPLIES)
    public CompletionStage<Void> consume(Message<String> record) {
        try {
            Envelope reply = Envelopes.open(EnvelopeRecords.headers(record), record.getPayload(), Topics.TYPE_NOTARISATION_OUTCOMES,
                    Set.of(Role.NOTARY), identity.registry());
            for (OutcomeBatch.Answer answer : reply.payloadAs(OutcomeBatch.class).answers()) {
                client.onAnswer(answer.requestId(), answer.outcome());
            }
        } catch (RuntimeException e) {
            metrics.deadLetter(Topics.NOTARY_REPLIES);
            return record.nack(e);
        }
        return record.ack();
    }
}
