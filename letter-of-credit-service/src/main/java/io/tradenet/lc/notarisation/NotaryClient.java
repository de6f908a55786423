package io.tradenet.lc.notarisation;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.tradenet.contract.envelope.Envelope;
import io.tradenet.contract.envelope.Envelopes;
import io.tradenet.contract.messaging.EnvelopeRecords;
import io.tradenet.contract.messaging.Topics;
import io.tradenet.contract.notary.InvalidNotarySignatureException;
import io.tradenet.contract.notary.NotarisationOutcome;
import io.tradenet.contract.notary.NotarisationRequest;
import io.tradenet.contract.notary.NotarySignatures;
import io.tradenet.contract.party.NetworkIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Asks the notary over Kafka: the request goes out signed with this service's gateway key; the answer
 * comes back on the replies topic, correlated by the request envelope's id. A Success is accepted only
 * if the notary's batch signature verifies. No answer in time is a temporary failure: re-sending the
 * same request is safe, the notary answers a transaction the same way every time.
 */
@ApplicationScoped
public class NotaryClient {

    private static final Logger LOG = Logger.getLogger(NotaryClient.class);

    private record Waiting(String txId, CompletableFuture<NotarisationOutcome> answer) {
    }

    @Inject
    @Channel(Topics.NOTARY_REQUESTS)
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 50_000)
    MutinyEmitter<String> requests;

    @Inject
    NetworkIdentity identity;

    private final Map<String, Waiting> waiting = new ConcurrentHashMap<>();

    public CompletableFuture<NotarisationOutcome> notarise(NotarisationRequest request, Duration timeout) {
        String txId = request.txId();
        Envelope envelope = Envelopes.seal(Topics.TYPE_NOTARISATION_REQUEST, null, request, identity.key());
        CompletableFuture<NotarisationOutcome> answer = new CompletableFuture<>();
        waiting.put(envelope.id(), new Waiting(txId, answer));
        requests.sendMessage(EnvelopeRecords.message(envelope, txId))
                .subscribe().with(ok -> { }, failure -> answer.complete(
                        new NotarisationOutcome.General(txId, "could not reach Kafka: " + failure.getMessage(), 1000)));
        return answer.completeOnTimeout(new NotarisationOutcome.General(txId, "no answer from the notary in " + timeout, 1000),
                        timeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((outcome, error) -> waiting.remove(envelope.id()));
    }

    /** Called with each verified reply envelope; replies to other instances' requests are ignored. */
    void onReply(Envelope reply, NotarisationOutcome outcome) {
        Waiting w = reply.correlationId() == null ? null : waiting.get(reply.correlationId());
        if (w == null) {
            return;
        }
        if (!w.txId().equals(outcome.txId())) {
            LOG.warnf("reply %s names transaction %s, the request was for %s: ignored", reply.id(), outcome.txId(), w.txId());
            return;
        }
        if (outcome instanceof NotarisationOutcome.Success success) {
            try {
                NotarySignatures.verify(success.txId(), success.signature(), identity.registry());
            } catch (InvalidNotarySignatureException e) {
                LOG.warnf("reply %s carries an invalid notary signature (%s): ignored", reply.id(), e.getMessage());
                return;
            }
        }
        w.answer().complete(outcome);
    }
}
