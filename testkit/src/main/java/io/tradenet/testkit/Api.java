package io.tradenet.testkit;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/** RestAssured requests made as a demo party (its development bearer token) or anonymously. */
public final class Api {

    private Api() {
    }

    /** A request authenticated as {@code party}. */
    public static RequestSpecification as(String party) {
        return RestAssured.given().header("Authorization", TestNetwork.bearer(party));
    }

    /** A request with no credentials at all. */
    public static RequestSpecification anonymous() {
        return RestAssured.given();
    }
}
