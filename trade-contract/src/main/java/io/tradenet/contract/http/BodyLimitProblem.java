package io.tradenet.contract.http;

import io.quarkus.runtime.configuration.MemorySize;
import io.tradenet.contract.json.Json;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Map;
import java.util.Optional;

/**
 * Answers a request whose declared Content-Length exceeds {@code quarkus.http.limits.max-body-size}
 * with 413 {@code body-too-large} as a problem document, before the body is read. (Quarkus's own check,
 * which also covers chunked bodies, answers 413 without a body.)
 */
@ApplicationScoped
public class BodyLimitProblem {

    void install(@Observes Router router, @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> limit) {
        if (limit.isEmpty()) {
            return;
        }
        long max = limit.get().asLongValue();
        router.route().order(-3).handler(ctx -> {
            String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && parse(length) > max) {
                Problem problem = new Problem(Problem.type("body-too-large"), "Content Too Large", 413,
                        "the body is larger than " + max + " bytes", ctx.request().path(), Map.of());
                ctx.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close").end(Json.write(problem));
                return;
            }
            ctx.next();
        });
    }

    private static long parse(String length) {
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
