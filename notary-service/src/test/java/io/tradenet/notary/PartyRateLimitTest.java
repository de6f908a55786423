package io.tradenet.notary;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.tradenet.contract.party.DemoNetwork;
import io.tradenet.testkit.KafkaResource;
import io.tradenet.testkit.NetworkResource;
import io.tradenet.testkit.PostgresResource;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.tradenet.testkit.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** BRIEF section 7, limits: a party over its request budget gets 429 with a Retry-After; other parties do not notice. */
@QuarkusTest
@TestProfile(PartyRateLimitTest.FivePerMinute.class)
@WithTestResource(value = NetworkResource.class, initArgs = @ResourceArg(name = "party", value = "notary"))
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class PartyRateLimitTest {

    /** A budget small enough to exhaust in a test. */
    public static class FivePerMinute implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tradenet.rate-limit.requests-per-period", "5", "tradenet.rate-limit.period", "60s");
        }
    }

    @Test
    void aPartyOverItsRequestBudgetIsRefusedWith429AndRetryAfterWhileOthersAreServed() {
        String unknown = "/api/notarisations/" + "0".repeat(64);
        for (int i = 0; i < 5; i++) {
            as(DemoNetwork.ISSUING_BANK).when().get(unknown).then().statusCode(404);
        }
        as(DemoNetwork.ISSUING_BANK).when().get(unknown).then().statusCode(429)
                .header("Retry-After", notNullValue())
                .body("type", equalTo("urn:tradenet:problem:rate-limited"));
        as(DemoNetwork.CARRIER).when().get(unknown).then().statusCode(404);
        RestAssured.given().when().get("/q/health/ready").then().statusCode(200);
    }
}
