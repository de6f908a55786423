package io.tradenet.notary;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tradenet.notary.commit.NotaryMetrics;
import io.tradenet.notary.commit.NotaryMetrics.StoreStep;
import io.tradenet.testkit.KafkaResource;
import io.tradenet.testkit.NetworkResource;
import io.tradenet.testkit.PostgresResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.tradenet.notary.Notarisations.BANK;
import static io.tradenet.notary.Notarisations.issuedState;
import static io.tradenet.notary.Notarisations.move;
import static io.tradenet.notary.Notarisations.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/**
 * The time of each step of a committed batch's database transaction (lock, read, decide, write, commit) is
 * recorded, so that an operator can tell a slow disk (commit) or contention between members (lock) from the
 * rest of the notary's latency.
 */
@QuarkusTest
@WithTestResource(value = NetworkResource.class, initArgs = @ResourceArg(name = "party", value = "notary"))
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class NotaryStoreMetricsTest {

    @Inject
    MeterRegistry registry;

    private Map<StoreStep, Long> counts() {
        Map<StoreStep, Long> counts = new EnumMap<>(StoreStep.class);
        for (StoreStep step : StoreStep.values()) {
            counts.put(step, registry.get(NotaryMetrics.STORE_LATENCY).tag(NotaryMetrics.TAG_STEP, step.tag()).timer().count());
        }
        return counts;
    }

    @Test
    void aCommittedBatchRecordsTheTimeOfEachStepOfItsDatabaseTransaction() {
        Map<StoreStep, Long> before = counts();

        post(move(List.of(issuedState()), List.of()), BANK).statusCode(200);

        Map<StoreStep, Long> after = counts();
        // the issuance, then the move once it was answered: two batches (at least: a request left on the shared Kafka
        // topics by another test may be committed meanwhile), each recording every step once
        long batches = after.get(StoreStep.LOCK) - before.get(StoreStep.LOCK);
        assertThat(batches).isGreaterThanOrEqualTo(2L);
        for (StoreStep step : StoreStep.values()) {
            assertThat(after.get(step) - before.get(step)).as(step.tag()).isEqualTo(batches);
        }
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("tradenet_notary_store_latency_seconds_bucket{"), containsString("step=\"commit\""));
    }
}
