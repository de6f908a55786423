package io.tradenet.notary.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.tradenet.contract.envelope.Envelope;
import io.tradenet.contract.envelope.EnvelopeRejectedException;
import io.tradenet.contract.envelope.Envelopes;
import io.tradenet.contract.json.MalformedDocumentException;
import io.tradenet.contract.messaging.DeadLetterPublisher;
import io.tradenet.contract.messaging.EnvelopeRecords;
import io.tradenet.contract.messaging.HeaderMaps;
import io.tradenet.contract.messaging.RecordTimestamps;
import io.tradenet.contract.messaging.Topics;
import io.tradenet.contract.notary.NotarisationOutcome;
import io.tradenet.contract.notary.NotarisationRequest;
import io.tradenet.contract.notary.OutcomeBatch;
import io.tradenet.contract.notary.RequestBatch;
import io.tradenet.contract.party.NetworkIdentity;
import io.tradenet.contract.party.Role;
import io.tradenet.notary.commit.NotaryMetrics;
import io.tradenet.notary.service.NotaryService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Consumes notarisation requests a poll at a time: each record's envelope (a batch of requests) is
 * verified before anything acts on it (a bad one goes to the dead-letter topic with the reason); the
 * valid requests are notarised together and answered on {@value Topics#NOTARY_REPLIES}, a signed
 * envelope per up to 200 answers. Offsets are acknowledged only after every answer is durable and sent.
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

    @Inject
    NotaryMetrics metrics;

    @Incoming(Topics.NOTARY_REQUESTS)
    @Blocking(ordered = false)
    public CompletionStage<Void> consume(KafkaRecordBatch<String, String> batch) {
        List<String> ids = new ArrayList<>();
        List<NotarisationRequest> requests = new ArrayList<>();
        List<CompletableFuture<?>> sends = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (KafkaRecord<String, String> record : batch.getRecords()) {
            producerTimestamp(record).ifPresent(sent -> metrics.requestAge(now - sent));
            try {
                Envelope envelope = Envelopes.open(HeaderMaps.of(record.getHeaders()), record.getPayload(),
                        Topics.TYPE_NOTARISATION_REQUESTS, REQUESTERS, identity.registry());
                RequestBatch requestBatch = envelope.payloadAs(RequestBatch.class);
                requireSenderMayAskFor(envelope.signer(), requestBatch);
                for (RequestBatch.Item item : requestBatch.requests()) {
                    ids.add(item.id());
                    requests.add(item.request());
                }
            } catch (EnvelopeRejectedException | MalformedDocumentException | IllegalArgumentException e) {
                sends.add(deadLetters.send(record, e.getMessage()).toCompletableFuture());
            }
        }
        List<CompletableFuture<NotarisationOutcome>> answers = notary.notariseAll(requests, QUEUE_PATIENCE);
        CompletableFuture<Void> answered = CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).thenCompose(v -> {
            List<OutcomeBatch.Answer> replies = new ArrayList<>(answers.size());
            for (int i = 0; i < answers.size(); i++) {
                replies.add(new OutcomeBatch.Answer(ids.get(i), answers.get(i).join()));
            }
            return publisher.reply(replies).toCompletableFuture();
        });
        sends.add(answered);
        return CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).thenCompose(v -> batch.ack());
    }

    /**
     * When the requester's producer sent the record (epoch milliseconds): none where the topic stamps records on
     * append (LogAppendTime) or the record carries no timestamp.
     */
    static OptionalLong producerTimestamp(KafkaRecord<?, ?> record) {
        return record.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> RecordTimestamps.producerMillis(m.getTimestampType(), m.getTimestamp().toEpochMilli()))
                .orElse(OptionalLong.empty());
    }

    /**
     * As over REST, a party asks only for itself: every request of a batch names the envelope's signer
     * as requester, unless the signer is a gateway (the letter-of-credit service, which submits the
     * transactions its authenticated clients signed).
     */
    private void requireSenderMayAskFor(String sender, RequestBatch requests) {
        if (identity.registry().hasRole(sender, Role.GATEWAY)) {
            return;
        }
        for (RequestBatch.Item item : requests.requests()) {
            if (!sender.equals(item.request().requester())) {
                throw new IllegalArgumentException("signer " + sender + " may not ask for notarisation on behalf of "
                        + item.request().requester());
            }
        }
    }


}
