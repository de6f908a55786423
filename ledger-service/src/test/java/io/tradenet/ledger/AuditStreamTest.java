package io.tradenet.ledger;


import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tradenet.contract.checkpoint.Checkpoint;
import io.tradenet.contract.json.Json;
import io.tradenet.contract.ledger.AuditEvent;
import io.tradenet.contract.ledger.InclusionProof;
import io.tradenet.contract.ledger.LogVerifier;
import io.tradenet.contract.notary.NotarisedTransaction;
import io.tradenet.contract.party.DemoNetwork;
import io.tradenet.testkit.KafkaResource;
import io.tradenet.testkit.NetworkResource;
import io.tradenet.testkit.PostgresResource;
import io.tradenet.testkit.SseClient;
import io.tradenet.testkit.TestNetwork;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.tradenet.testkit.Api.as;
import static io.restassured.RestAssured.given;
import static io.tradenet.ledger.NotarisedFixtures.issue;
import static io.tradenet.ledger.NotarisedFixtures.latestCheckpoint;
import static io.tradenet.ledger.NotarisedFixtures.notarise;
import static io.tradenet.ledger.NotarisedFixtures.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The regulators' audit stream: live, replayable from any index, gap-free, verifiable as it goes. */
@QuarkusTest
@WithTestResource(value = NetworkResource.class, initArgs = @ResourceArg(name = "party", value = "ledger"))
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class AuditStreamTest {

    @TestHTTPResource("/api/audit/stream")
    URL stream;

    @Test
    void aSubscriberFromIndexZeroGetsEveryEntryOnceInOrderThenLiveOnesAndCanResumeWithLastEventId() {
        List<NotarisedTransaction> first = notarise(List.of(issue(DemoNetwork.ISSUING_BANK, List.of()), issue(DemoNetwork.APPLICANT, List.of())));
        first.forEach(NotarisedFixtures::publish);
        long target = first.get(1).sequence() + 1;
        await().atMost(Duration.ofSeconds(60)).until(() -> latestCheckpoint().size() >= target);

        List<AuditEvent> received = new ArrayList<>();
        try (SseClient client = new SseClient(stream + "?from=0", Map.of("Authorization", TestNetwork.bearer(DemoNetwork.REGULATOR)))) {
            assertThat(client.status()).isEqualTo(200);
            client.take((int) target, Duration.ofSeconds(30)).forEach(e -> received.add(Json.read(e.data(), AuditEvent.class)));
        }
        assertThat(received).extracting(AuditEvent::index).containsExactlyElementsOf(range(0, target));

        // live: a new entry arrives while subscribed from where we stopped (Last-Event-ID)
        List<NotarisedTransaction> later = notarise(List.of(issue(DemoNetwork.CARRIER, List.of())));
        try (SseClient client = new SseClient(stream.toString(), Map.of("Last-Event-ID", Long.toString(target - 1),
                "Authorization", TestNetwork.bearer(DemoNetwork.REGULATOR)))) {
            later.forEach(NotarisedFixtures::publish);
            List<SseClient.Event> live = client.take(1, Duration.ofSeconds(60));
            assertThat(live).hasSize(1);
            AuditEvent event = Json.read(live.get(0).data(), AuditEvent.class);
            assertThat(live.get(0).id()).isEqualTo(Long.toString(target));
            assertThat(event.index()).isEqualTo(target);
            assertThat(event.entry().txId()).isEqualTo(later.get(0).txId());

            // each event is verifiable: its checkpoint is signed by the ledger and includes the entry
            Checkpoint checkpoint = LogVerifier.verifyCheckpoint(event.checkpoint(), TestNetwork.registry());
            assertThat(checkpoint.size()).isGreaterThan(event.index());
            InclusionProof proof = given().queryParam("index", event.index()).queryParam("treeSize", checkpoint.size())
                    .when().get("/api/ledger/proofs/inclusion").then().statusCode(200).extract().as(InclusionProof.class);
            LogVerifier.verifyInclusion(event.entry(), proof, checkpoint);
        }
    }

    @Test
    void aMalformedLastEventIdIsRefused() {
        as(DemoNetwork.REGULATOR).header("Last-Event-ID", "abc").when().get("/api/audit/stream").then().statusCode(400);
    }

    private static List<Long> range(long from, long to) {
        List<Long> out = new ArrayList<>();
        for (long i = from; i < to; i++) {
            out.add(i);
        }
        return out;
    }
}
