package io.tradenet.contract.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.Provider;

import java.util.Map;
import java.util.Set;

/**
 * A request that carries a body must say what it is: JAX-RS would otherwise match a POST without a
 * Content-Type to a JSON endpoint. Refused with 415 {@code unsupported-media-type}, before anything runs.
 */
@Provider
@PreMatching
public class RequireContentType implements ContainerRequestFilter {

    private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");

    @Override
    public void filter(ContainerRequestContext request) {
        if (WITH_BODY.contains(request.getMethod()) && request.getHeaderString(HttpHeaders.CONTENT_TYPE) == null) {
            UriInfo uri = request.getUriInfo();
            Problem problem = new Problem(Problem.type("unsupported-media-type"), "Unsupported Media Type", 415,
                    "a request body needs a Content-Type (application/json)", uri == null ? null : uri.getPath(), Map.of());
            request.abortWith(Response.status(415).type(Problem.MEDIA_TYPE).entity(problem).build());
        }
    }
}
