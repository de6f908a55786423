package io.tradenet.ledger;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.tradenet.contract.checkpoint.Checkpoint;
import io.tradenet.contract.ledger.ConsistencyProof;
import io.tradenet.contract.ledger.InclusionProof;
import io.tradenet.contract.ledger.LedgerEntry;
import io.tradenet.contract.ledger.LogVerifier;
import io.tradenet.contract.notary.NotarisedTransaction;
import io.tradenet.contract.party.DemoNetwork;
import io.tradenet.contract.tx.WireTransaction;
import io.tradenet.testkit.KafkaResource;
import io.tradenet.testkit.NetworkResource;
import io.tradenet.testkit.PostgresResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.tradenet.ledger.NotarisedFixtures.issue;
import static io.tradenet.ledger.NotarisedFixtures.latestCheckpoint;
import static io.tradenet.ledger.NotarisedFixtures.notarise;
import static io.tradenet.testkit.Api.as;
import static org.awaitility.Awaitility.await;

/**
 * Proofs are normally served from the in-memory tree; with the cache off (as for the older entries after
 * a restart, or the lowest levels of a log larger than the cache) every node comes from the stored tree,
 * and the proofs must verify just the same.
 */
@QuarkusTest
@TestProfile(ProofsFromTheDatabaseTest.NoTreeCache.class)
@WithTestResource(value = NetworkResource.class, initArgs = @ResourceArg(name = "party", value = "ledger"))
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class ProofsFromTheDatabaseTest {

    public static class NoTreeCache implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tradenet.ledger.tree-cache-mb", "0");
        }
    }

    @Test
    void withoutTheTreeCacheInclusionAndConsistencyProofsAreReadFromTheStoredTreeAndVerify() {
        Checkpoint before = latestCheckpoint();
        List<WireTransaction> issued = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            issued.add(issue(DemoNetwork.CARRIER, List.of()));
        }
        List<NotarisedTransaction> batch = notarise(issued);
        batch.forEach(NotarisedFixtures::publish);
        long last = batch.get(batch.size() - 1).sequence();
        await().atMost(Duration.ofSeconds(60)).until(() -> latestCheckpoint().size() > last);
        Checkpoint after = latestCheckpoint();

        for (long index = 0; index < after.size(); index++) {
            InclusionProof proof = given().queryParam("index", index).queryParam("treeSize", after.size())
                    .when().get("/api/ledger/proofs/inclusion").then().statusCode(200).extract().as(InclusionProof.class);
            LedgerEntry entry = as(DemoNetwork.REGULATOR).when().get("/api/ledger/entries/" + index).then().statusCode(200)
                    .extract().as(LedgerEntry.class);
            LogVerifier.verifyInclusion(entry, proof, after);
        }
        ConsistencyProof consistency = given().queryParam("from", before.size()).queryParam("to", after.size())
                .when().get("/api/ledger/proofs/consistency").then().statusCode(200).extract().as(ConsistencyProof.class);
        LogVerifier.verifyConsistency(before, after, consistency);
    }
}
