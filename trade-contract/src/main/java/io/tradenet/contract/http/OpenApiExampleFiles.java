package io.tradenet.contract.http;

import java.util.Locale;

/**
 * Where an operation's OpenAPI examples live on the classpath: {@code openapi-examples/<method><path>.json},
 * the path's slashes as underscores and its braces dropped (POST /api/credits/{reference}/actions is
 * {@code post_api_credits_reference_actions.json}). Shared by {@link OpenApiExamples}, which reads them,
 * and the recorder that writes them.
 */
public final class OpenApiExampleFiles {

    public static final String FOLDER = "openapi-examples/";

    private OpenApiExampleFiles() {
    }

    public static String resource(String method, String path) {
        return FOLDER + method.toLowerCase(Locale.ROOT) + path.replace("{", "").replace("}", "").replace('/', '_') + ".json";
    }
}
