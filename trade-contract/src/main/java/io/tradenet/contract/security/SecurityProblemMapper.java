package io.tradenet.contract.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.tradenet.contract.http.Problem;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.Map;

/**
 * Authentication and authorisation failures as problem documents: 401 {@code unauthenticated} with a
 * Bearer challenge (no token, an invalid or expired one, or a subject that is not a registered party),
 * 403 {@code role-not-allowed} for a caller without the role an endpoint needs, 429 {@code rate-limited}
 * with a Retry-After for a party over its request budget. Needs
 * {@code quarkus.http.auth.proactive=false}, so that authentication happens where these mappers see it.
 */
public final class SecurityProblemMapper {

    private SecurityProblemMapper() {
    }

    static Response unauthenticated(UriInfo uri) {
        Problem problem = new Problem(Problem.type("unauthenticated"), "Unauthorized", 401,
                "a bearer token of a registered party is required", uri == null ? null : uri.getPath(), Map.of());
        return Response.status(401).type(Problem.MEDIA_TYPE).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").entity(problem).build();
    }

    static Response rateLimited(RateLimitedException exception, UriInfo uri) {
        Problem problem = new Problem(Problem.type("rate-limited"), "Too Many Requests", 429,
                exception.getMessage() + "; retry after " + exception.retryAfterSeconds() + " s", uri == null ? null : uri.getPath(), Map.of());
        return Response.status(429).type(Problem.MEDIA_TYPE).header(HttpHeaders.RETRY_AFTER, exception.retryAfterSeconds())
                .entity(problem).build();
    }

    @Provider
    public static class Unauthenticated implements ExceptionMapper<UnauthorizedException> {
        @Context
        UriInfo uri;

        @Override
        public Response toResponse(UnauthorizedException exception) {
            return unauthenticated(uri);
        }
    }

    @Provider
    public static class AuthenticationFailed implements ExceptionMapper<AuthenticationFailedException> {
        @Context
        UriInfo uri;

        @Override
        public Response toResponse(AuthenticationFailedException exception) {
            for (Throwable cause = exception.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof RateLimitedException limited) {
                    return rateLimited(limited, uri);
                }
            }
            return unauthenticated(uri);
        }
    }

    @Provider
    public static class RateLimited implements ExceptionMapper<RateLimitedException> {
        @Context
        UriInfo uri;

        @Override
        public Response toResponse(RateLimitedException exception) {
            return rateLimited(exception, uri);
        }
    }

    @Provider
    public static class Forbidden implements ExceptionMapper<ForbiddenException> {
        @Context
        UriInfo uri;

        @Override
        public Response toResponse(ForbiddenException exception) {
            Problem problem = new Problem(Problem.type("role-not-allowed"), "Forbidden", 403,
                    "the caller's roles do not allow this action", uri == null ? null : uri.getPath(), Map.of());
            return Response.status(403).type(Problem.MEDIA_TYPE).entity(problem).build();
        }
    }
}
