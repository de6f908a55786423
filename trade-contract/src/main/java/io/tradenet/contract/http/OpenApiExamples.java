package io.tradenet.contract.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradenet.contract.json.Json;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

/**
 * Adds request and response examples to a service's OpenAPI document ({@code mp.openapi.filter}). The
 * examples are files, not annotation strings ({@link OpenApiExampleFiles} names them), holding
 * {@code {"request": {name: {summary, value}}, "responses": {status: {name: {summary, value}}}}}. The
 * values were recorded from the local network's demo trade, so they are what the service really takes
 * and answers (signatures and ids are those of that run's generated keys).
 */
public class OpenApiExamples implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations()
                .forEach((method, operation) -> attach(OpenApiExampleFiles.resource(method.name(), path), operation)));
    }

    private static void attach(String resource, Operation operation) {
        JsonNode examples = load(resource);
        if (examples == null) {
            return;
        }
        if (operation.getRequestBody() != null && examples.has("request")) {
            Content content = operation.getRequestBody().getContent();
            if (content == null) {
                content = OASFactory.createContent();
                operation.getRequestBody().setContent(content);
            }
            addTo(content, examples.get("request"));
        }
        Iterator<Map.Entry<String, JsonNode>> responses = examples.path("responses").fields();
        while (responses.hasNext()) {
            Map.Entry<String, JsonNode> r = responses.next();
            if (operation.getResponses() == null) {
                continue;
            }
            APIResponse response = operation.getResponses().getAPIResponse(r.getKey());
            if (response == null) {
                response = OASFactory.createAPIResponse().description("HTTP " + r.getKey());
                operation.getResponses().addAPIResponse(r.getKey(), response);
            }
            if (response.getContent() == null) {
                response.setContent(OASFactory.createContent());
            }
            addTo(response.getContent(), r.getValue());
        }
    }

    /** Adds the examples to every media type of the content (application/json when it names none). */
    private static void addTo(Content content, JsonNode named) {
        if (content.getMediaTypes() == null || content.getMediaTypes().isEmpty()) {
            content.addMediaType("application/json", OASFactory.createMediaType());
        }
        for (MediaType media : content.getMediaTypes().values()) {
            Iterator<Map.Entry<String, JsonNode>> each = named.fields();
            while (each.hasNext()) {
                Map.Entry<String, JsonNode> e = each.next();
                JsonNode value = e.getValue().get("value");
                media.addExample(e.getKey(), OASFactory.createExample().summary(e.getValue().path("summary").asText(null))
                        .value(value == null ? null : value.isTextual() ? value.asText() : Json.mapper().convertValue(value, Object.class)));
            }
        }
    }

    private static JsonNode load(String resource) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (InputStream in = (loader != null ? loader : OpenApiExamples.class.getClassLoader()).getResourceAsStream(resource)) {
            return in == null ? null : Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable OpenAPI examples " + resource, e);
        }
    }
}
