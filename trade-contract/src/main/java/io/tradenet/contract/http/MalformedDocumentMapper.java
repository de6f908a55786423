package io.tradenet.contract.http;

import io.tradenet.contract.json.MalformedDocumentException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.Map;

/** Malformed JSON or a document that does not bind to its wire type: 400 with the parser's reason. */
@Provider
public class MalformedDocumentMapper implements ExceptionMapper<MalformedDocumentException> {

    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(MalformedDocumentException exception) {
        Problem problem = new Problem(Problem.type("malformed-document"), "Malformed document", 400,
                exception.getMessage(), uriInfo == null ? null : uriInfo.getPath(), Map.of());
        return Response.status(400).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
