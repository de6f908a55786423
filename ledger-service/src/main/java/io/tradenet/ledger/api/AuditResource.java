package io.tradenet.ledger.api;

import io.smallrye.mutiny.Multi;
import io.tradenet.contract.http.ProblemException;
import io.tradenet.contract.json.Json;
import io.tradenet.ledger.stream.AuditStream;
import io.quarkus.security.Authenticated;
import io.tradenet.contract.security.Caller;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The regulators' audit stream as server-sent events, resumable with Last-Event-ID. */
@Path("/api/audit")
@Tag(name = "Audit stream")
public class AuditResource {

    @Inject
    AuditStream stream;

    @Inject
    Caller caller;

    @GET
    @Path("/stream")
    @Authenticated
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Live, replayable audit stream",
            description = "Server-sent events, one per ledger entry from `from` on (or after Last-Event-ID), gap-free and in order. "
                    + "Event id = entry index; data = {index, leafHash, entry, checkpoint}. A regulator receives every entry, "
                    + "another party only the entries it is party to (event ids then skip the others' indexes).")
    public Multi<OutboundSseEvent> stream(@QueryParam("from") Long from, @HeaderParam("Last-Event-ID") String lastEventId,
                                          @Context Sse sse) {
        long start = from == null ? 0 : from;
        if (lastEventId != null && !lastEventId.isBlank()) {
            try {
                start = Long.parseLong(lastEventId.trim()) + 1;
            } catch (NumberFormatException e) {
                throw ProblemException.badRequest("bad-last-event-id", "Last-Event-ID must be an entry index");
            }
        }
        if (start < 0) {
            throw ProblemException.badRequest("bad-range", "from must be >= 0");
        }
        return stream.events(start, caller.readScope()).map(event -> sse.newEventBuilder()
                .id(Long.toString(event.index()))
                .name("entry")
                .mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(Json.write(event))
                .build());
    }
}
