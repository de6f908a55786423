package io.tradenet.lc.notarisation;

import io.tradenet.contract.envelope.Envelope;
import io.tradenet.contract.envelope.Envelopes;
import io.tradenet.contract.messaging.Topics;
import io.tradenet.contract.notary.NotarisationOutcome;
import io.tradenet.contract.party.NetworkIdentity;
import io.tradenet.contract.party.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.Set;

/**
 * Reads the notary's answers (every instance reads all of them, in its own consumer group). A record
 * that is not a notary-signed answer throws, and SmallRye's dead-letter strategy moves it to
 * {@value Topics#NOTARY_REPLIES_DLQ} with the reason; the consumer goes on.
 */
@ApplicationScoped
public class NotaryReplyConsumer {

    @Inject
    NetworkIdentity identity;

    @Inject
    NotaryClient client;

    @Incoming(Topics.NOTARY_REPLIES)
    public void consume(String value) {
        Envelope reply = Envelopes.open(value, Topics.TYPE_NOTARISATION_OUTCOME, Set.of(Role.NOTARY), identity.registry());
        client.onReply(reply, reply.payloadAs(NotarisationOutcome.class));
    }
}
