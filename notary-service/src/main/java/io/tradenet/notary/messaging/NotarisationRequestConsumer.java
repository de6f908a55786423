package io.tradenet.notary.messaging;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.tradenet.contract.envelope.Envelope;
import io.tradenet.contract.envelope.EnvelopeRejectedException;
import io.tradenet.contract.envelope.Envelopes;
import io.tradenet.contract.json.Json;
import io.tradenet.contract.json.MalformedDocumentException;
import io.tradenet.contract.messaging.DeadLetterPublisher;
import io.tradenet.contract.messaging.Topics;
import io.tradenet.contract.notary.NotarisationOutcome;
import io.tradenet.contract.notary.NotarisationRequest;
import io.tradenet.contract.party.NetworkIdentity;
import io.tradenet.contract.party.Role;
import io.tradenet.notary.service.NotaryService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Consumes notarisation requests a poll at a time: each record's envelope is verified before anything
 * acts on it (a bad one goes to the dead-letter topic with the reason); the valid ones are notarised
 * together and each is answered on {@value Topics#NOTARY_REPLIES}. Offsets are acknowledged only after
 * every answer of the poll is durable and sent.
 */
@ApplicationScoped
public class NotarisationRequestConsumer {

    /** Who may put requests on the topic: the letter-of-credit service and the trading parties themselves. */
    static final Set<Role> REQUESTERS = Set.of(Role.GATEWAY, Role.BANK, Role.APPLICANT, Role.BENEFICIARY, Role.CARRIER);
    private static final Duration QUEUE_PATIENCE = Duration.ofSeconds(30);

    @Inject
    NotaryService notary;

    @Inject
    NotaryPublisher publisher;

    @Inject
    DeadLetterPublisher deadLetters;

    @Inject
    NetworkIdentity identity;

    @Incoming(Topics.NOTARY_REQUESTS)
    @Blocking
    public CompletionStage<Void> consume(KafkaRecordBatch<String, String> batch) {
        List<Envelope> envelopes = new ArrayList<>();
        List<NotarisationRequest> requests = new ArrayList<>();
        List<CompletableFuture<?>> sends = new ArrayList<>();
        for (KafkaRecord<String, String> record : batch.getRecords()) {
            try {
                Envelope envelope = Envelopes.open(record.getPayload(), Topics.TYPE_NOTARISATION_REQUEST, REQUESTERS, identity.registry());
                NotarisationRequest request = Json.bind(envelope.payload(), NotarisationRequest.class);
                envelopes.add(envelope);
                requests.add(request);
            } catch (EnvelopeRejectedException | MalformedDocumentException e) {
                sends.add(deadLetters.send(record.getTopic(), record.getPartition(), offset(record), record.getKey(),
                        record.getPayload(), e.getMessage()).toCompletableFuture());
            }
        }
        List<CompletableFuture<NotarisationOutcome>> answers = notary.notariseAll(requests, QUEUE_PATIENCE);
        for (int i = 0; i < answers.size(); i++) {
            Envelope request = envelopes.get(i);
            sends.add(answers.get(i).thenCompose(outcome -> publisher.reply(request, outcome)));
        }
        return CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).thenCompose(v -> batch.ack());
    }

    static long offset(KafkaRecord<?, ?> record) {
        return record.getMetadata(IncomingKafkaRecordMetadata.class).map(IncomingKafkaRecordMetadata::getOffset).orElse(-1L);
    }
}
