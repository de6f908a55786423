package io.tradenet.ledger;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.restassured.RestAssured;
import io.tradenet.contract.checkpoint.Checkpoint;
import io.tradenet.contract.envelope.Envelopes;
import io.tradenet.contract.json.Json;
import io.tradenet.contract.ledger.LogVerifier;
import io.tradenet.contract.messaging.Topics;
import io.tradenet.contract.notary.NotarisedBatch;
import io.tradenet.contract.notary.NotarisedTransaction;
import io.tradenet.contract.notary.NotarySignature;
import io.tradenet.contract.notary.NotarySignatures;
import io.tradenet.contract.party.DemoNetwork;
import io.tradenet.contract.tx.StateRef;
import io.tradenet.contract.tx.TransactionBuilder;
import io.tradenet.contract.tx.WireTransaction;
import io.tradenet.testkit.KafkaTestClient;
import io.tradenet.testkit.SharedKafka;
import io.tradenet.testkit.TestNetwork;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Notarised transactions as the notary would publish them: signed batch, gap-free sequence. */
final class NotarisedFixtures {

    /** Every record these tests send takes the next notary sequence number. */
    private static final AtomicLong SEQUENCE = new AtomicLong(-1);

    private NotarisedFixtures() {
    }

    static synchronized long nextSequences(int count) {
        if (SEQUENCE.get() < 0) {
            SEQUENCE.set(latestCheckpoint().size());
        }
        return SEQUENCE.getAndAdd(count);
    }

    static WireTransaction issue(String party, List<StateRef> inputs) {
        return TransactionBuilder.forNotary(DemoNetwork.NOTARY).consume(inputs)
                .output("Token", List.of(party), JsonNodeFactory.instance.objectNode().put("owner", party))
                .signedBy(TestNetwork.key(party), "Move", null);
    }

    /** Notarises the transactions as one batch, numbering them from the next free sequence. */
    static List<NotarisedTransaction> notarise(List<WireTransaction> txs) {
        long first = nextSequences(txs.size());
        List<NotarySignature> signatures = NotarySignatures.signBatch(txs.stream().map(WireTransaction::id).toList(),
                TestNetwork.key(DemoNetwork.NOTARY), Instant.now());
        List<NotarisedTransaction> out = new ArrayList<>();
        for (int i = 0; i < txs.size(); i++) {
            WireTransaction tx = txs.get(i);
            out.add(new NotarisedTransaction(tx.id(), first + i, Json.tree(tx), tx.commands().get(0).signer(), signatures.get(i)));
        }
        return out;
    }

    static void publish(NotarisedTransaction notarised) {
        publishTogether(List.of(notarised));
    }

    /** In one record (so the ledger takes them in one poll), keyed by the first one's id. */
    static void publishTogether(List<NotarisedTransaction> batch) {
        KafkaTestClient.send(SharedKafka.get().bootstrapServers(), Topics.NOTARISED_TRANSACTIONS, batch.get(0).txId(),
                Envelopes.seal(Topics.TYPE_NOTARISED_TRANSACTIONS, null, new NotarisedBatch(batch), TestNetwork.key(DemoNetwork.NOTARY)));
    }

    static String checkpointNote() {
        return RestAssured.given().when().get("/api/ledger/checkpoint").then().statusCode(200).extract().asString();
    }

    static Checkpoint latestCheckpoint() {
        return LogVerifier.verifyCheckpoint(checkpointNote(), TestNetwork.registry());
    }
}
