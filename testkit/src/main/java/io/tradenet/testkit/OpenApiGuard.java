package io.tradenet.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.tradenet.contract.json.Json;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a running service's own OpenAPI document and calls every operation in it anonymously, so a
 * new endpoint cannot ship without authentication unless it is listed as public on purpose.
 */
public final class OpenApiGuard {

    /** One operation and what an anonymous call to it answered. */
    public record Answer(String method, String path, int status, String contentType, String problemType) {
    }

    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    private OpenApiGuard() {
    }

    /** Every operation of the document except those whose path template is in {@code publicPaths}. */
    public static List<Answer> callEveryOperationAnonymously(Set<String> publicPaths) {
        JsonNode document = Json.parse(RestAssured.given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().asString());
        List<Answer> answers = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (publicPaths.contains(path.getKey())) {
                continue;
            }
            String concrete = path.getKey().replaceAll("\\{[^}]+}", "1");
            Iterator<String> methods = path.getValue().fieldNames();
            while (methods.hasNext()) {
                String method = methods.next();
                if (!METHODS.contains(method)) {
                    continue;
                }
                var request = RestAssured.given();
                if (!method.equals("get") && !method.equals("delete")) {
                    request = request.contentType("application/json").body("{}");
                }
                Response response = request.when().request(method.toUpperCase(), concrete);
                String type = null;
                String contentType = response.getContentType();
                if (contentType != null && contentType.startsWith("application/problem+json")) {
                    type = Json.parse(response.asString()).path("type").asText(null);
                }
                answers.add(new Answer(method.toUpperCase(), path.getKey(), response.statusCode(), contentType, type));
            }
        }
        return answers;
    }

    /**
     * Asserts that every operation of the running service's OpenAPI document outside {@code publicPaths}
     * answers an anonymous call with 401 {@code unauthenticated}, and that the document lists {@code expected}.
     */
    public static void assertEveryOperationRefusesAnonymousCallers(Set<String> publicPaths, String... expected) {
        List<Answer> answers = callEveryOperationAnonymously(publicPaths);
        org.assertj.core.api.Assertions.assertThat(answers).extracting(Answer::path).contains(expected);
        org.assertj.core.api.Assertions.assertThat(answers).allSatisfy(answer -> {
            org.assertj.core.api.Assertions.assertThat(answer.status()).as(answer.method() + " " + answer.path()).isEqualTo(401);
            org.assertj.core.api.Assertions.assertThat(answer.problemType()).isEqualTo("urn:tradenet:problem:unauthenticated");
        });
    }

    /**
     * Asserts that the running service's OpenAPI document shows an example of every request body, and at
     * least one example answer for every operation that does not stream (server-sent events).
     */
    public static void assertEveryOperationHasExamples() {
        JsonNode document = Json.parse(RestAssured.given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().asString());
        List<String> missing = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            Iterator<Map.Entry<String, JsonNode>> operations = path.getValue().fields();
            while (operations.hasNext()) {
                Map.Entry<String, JsonNode> op = operations.next();
                if (!METHODS.contains(op.getKey())) {
                    continue;
                }
                String name = op.getKey().toUpperCase() + " " + path.getKey();
                JsonNode body = op.getValue().path("requestBody");
                if (!body.isMissingNode() && !hasExample(body.path("content"))) {
                    missing.add(name + " request");
                }
                boolean streams = false;
                boolean answered = false;
                Iterator<JsonNode> responses = op.getValue().path("responses").elements();
                while (responses.hasNext()) {
                    JsonNode content = responses.next().path("content");
                    streams |= content.has("text/event-stream");
                    answered |= hasExample(content);
                }
                if (!streams && !answered) {
                    missing.add(name + " answer");
                }
            }
        }
        org.assertj.core.api.Assertions.assertThat(missing).as("operations without examples").isEmpty();
    }

    private static boolean hasExample(JsonNode content) {
        Iterator<JsonNode> media = content.elements();
        while (media.hasNext()) {
            JsonNode m = media.next();
            if (m.path("examples").size() > 0 || m.has("example")) {
                return true;
            }
        }
        return false;
    }
}
