package io.tradenet.lc.api;

import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.tradenet.contract.json.Json;
import io.tradenet.contract.security.Caller;
import io.tradenet.contract.tx.SignedInstruction;
import io.tradenet.lc.shipment.ShipmentService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import io.tradenet.contract.http.ProblemException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.sql.SQLException;
import java.util.List;

/** Shipments: the carrier books and records milestones; the shipper (exporter) and regulators follow them. Thin: delegates to {@link ShipmentService}. */
@Path("/api/shipments")
@Tag(name = "Shipments")
@Blocking
public class ShipmentResource {

    @Inject
    ShipmentService shipments;

    @Inject
    Caller caller;

    @POST
    @RolesAllowed("CARRIER")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Book a shipment (carrier)",
            description = "The carrier's signed BookShipment instruction; body {shipment: {id, shipper, goods, portOfLoading, portOfDischarge, vessel}}.")
    @APIResponse(responseCode = "201", description = "Booked and notarised")
    @APIResponse(responseCode = "401", description = "No valid bearer token of a registered party")
    @APIResponse(responseCode = "403", description = "Not a carrier, signer not the caller, or signature invalid")
    @APIResponse(responseCode = "409", description = "Shipment id taken, or instruction replayed")
    @APIResponse(responseCode = "503", description = "The notary did not answer: send the same instruction again")
    public Response book(String body) throws SQLException {
        ShipmentService.View view = shipments.book(Json.read(body, SignedInstruction.class), caller.party());
        return Response.created(URI.create("/api/shipments/" + view.id())).entity(view).build();
    }

    @POST
    @Path("/{id}/milestones")
    @RolesAllowed("CARRIER")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record a milestone (carrier)",
            description = "RecordMilestone, consuming the shipment's current state: GATED_IN, LOADED_ON_BOARD (issues the eBL to the shipper), "
                    + "DEPARTED, ARRIVED, DELIVERED, in this order; body {shipment, milestone, place}.")
    @APIResponse(responseCode = "200", description = "Recorded and notarised")
    @APIResponse(responseCode = "409", description = "Out of order, stale state, or replayed")
    public ShipmentService.View milestone(@PathParam("id") String id, String body) throws SQLException {
        return shipments.recordMilestone(id, Json.read(body, SignedInstruction.class), caller.party());
    }

    @GET
    @Authenticated
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The caller's shipments, most recently changed first",
            description = "Shipments the caller carries or ships (a regulator: all), each with its milestones and eBL; at most `limit` (1 to 200).")
    @APIResponse(responseCode = "200", description = "The shipments")
    @APIResponse(responseCode = "400", description = "limit out of range")
    @APIResponse(responseCode = "401", description = "No valid bearer token of a registered party")
    public List<ShipmentService.View> list(@QueryParam("limit") @DefaultValue("50") int limit) throws SQLException {
        if (limit < 1 || limit > CreditResource.LIST_MAX) {
            throw ProblemException.badRequest("bad-limit", "limit must be between 1 and " + CreditResource.LIST_MAX);
        }
        return shipments.list(caller.readScope(), limit);
    }

    @GET
    @Path("/{id}")
    @Authenticated
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A shipment, its milestones and its eBL", description = "For its carrier, its shipper and regulators; 404 for anyone else.")
    public ShipmentService.View get(@PathParam("id") String id) throws SQLException {
        return shipments.get(id, caller.readScope());
    }

    @GET
    @Path("/{id}/timeline")
    @Authenticated
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "The shipment's milestones, live (server-sent events)",
            description = "Every milestone so far, then each new one as the carrier records it; event id = milestone index.")
    public Multi<OutboundSseEvent> timeline(@PathParam("id") String id, @Context Sse sse) throws SQLException {
        return shipments.timeline(shipments.get(id, caller.readScope())).map(m -> sse.newEventBuilder()
                .id(m.path("index").asText()).name("milestone").mediaType(MediaType.APPLICATION_JSON_TYPE).data(Json.write(m)).build());
    }
}
