package io.tradenet.contract.http;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Answers a {@link ProblemException} with {@code application/problem+json} (and Retry-After when temporary). */
@Provider
public class ProblemExceptionMapper implements ExceptionMapper<ProblemException> {

    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(ProblemException exception) {
        Response.ResponseBuilder builder = Response.status(exception.status())
                .type(Problem.MEDIA_TYPE)
                .entity(exception.toProblem(uriInfo == null ? null : uriInfo.getPath()));
        if (exception.retryAfterSeconds() != null) {
            builder.header("Retry-After", exception.retryAfterSeconds());
        }
        return builder.build();
    }
}
