package io.tradenet.notary.api;

import io.smallrye.common.annotation.Blocking;
import io.tradenet.contract.http.OutcomeProblems;
import io.tradenet.contract.http.ProblemException;
import io.tradenet.contract.json.Json;
import io.tradenet.contract.notary.NotarisationOutcome;
import io.tradenet.contract.notary.NotarisationRequest;
import io.tradenet.contract.tx.StateRef;
import io.tradenet.notary.config.NotaryConfig;
import io.tradenet.notary.service.NotaryService;
import io.tradenet.notary.storage.NotaryLog;
import io.quarkus.security.Authenticated;
import io.tradenet.contract.security.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.sql.SQLException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** REST face of the notary: the same answers as over Kafka, as HTTP statuses and problem documents. */
@Path("/api")
@Tag(name = "Notary")
public class NotarisationResource {

    @Inject
    NotaryService notary;

    @Inject
    NotaryConfig config;

    @Inject
    Caller caller;

    @POST
    @Path("/notarisations")
    @Blocking
    @RolesAllowed({"BANK", "APPLICANT", "BENEFICIARY", "CARRIER", "GATEWAY"})
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Notarise a transaction",
            description = "Commits every input of the transaction atomically, checks references and the time window, "
                    + "and returns the notary's signature. Retrying the same transaction returns the same answer.")
    @RequestBody(description = "A NotarisationRequest: the transaction (JSON) and the requester's party name.")
    @APIResponse(responseCode = "200", description = "Success: the notary's batch signature and inclusion proof")
    @APIResponse(responseCode = "400", description = "Malformed JSON")
    @APIResponse(responseCode = "401", description = "No valid bearer token of a registered party")
    @APIResponse(responseCode = "403", description = "The requester is not the caller, or the caller's roles may not request notarisation")
    @APIResponse(responseCode = "409", description = "Conflict: an input or reference is already consumed (problem+json lists them)")
    @APIResponse(responseCode = "422", description = "Time window, transaction or request signature invalid (permanent)")
    @APIResponse(responseCode = "503", description = "Temporary: retry after the Retry-After header")
    public NotarisationOutcome.Success notarise(String body) {
        NotarisationRequest request = Json.read(body, NotarisationRequest.class);
        caller.requireSigner(request.requester());
        NotarisationOutcome outcome;
        try {
            outcome = notary.notarise(request).get(config.batch().commitTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw ProblemException.unavailable("notary-unavailable", "no answer within the commit timeout; retry", 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProblemException.unavailable("notary-unavailable", "interrupted; retry", 1);
        } catch (ExecutionException e) {
            throw ProblemException.unavailable("notary-unavailable", "internal error; retry", 1);
        }
        return OutcomeProblems.successOrThrow(outcome);
    }

    @GET
    @Path("/notarisations/{txId}")
    @Authenticated
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The answer recorded for a transaction",
            description = "The requester reads the answer to its own request, a regulator any answer; 404 otherwise, or if the notary never decided it.")
    public NotarisationOutcome recorded(@PathParam("txId") String txId) throws SQLException {
        if (!io.tradenet.contract.crypto.Hashing.isSha256Hex(txId)) {
            throw ProblemException.badRequest("malformed-transaction-id", "a transaction id is 64 lower-case hex digits");
        }
        return notary.recorded(txId, caller.readScope()).orElseThrow(() -> ProblemException.notFound("the notary has no answer for " + txId));
    }

    @GET
    @Path("/spent-states/{stateRef}")
    @Authenticated
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Spent-state audit",
            description = "Which transaction consumed the state, who asked (with the signed instruction that is the request signature) and when. "
                    + "Regulators may ask about any state; other parties only about states whose consuming transaction they requested (404 otherwise).")
    public NotaryLog.SpentState spentState(@PathParam("stateRef") String stateRef) throws SQLException {
        StateRef ref;
        try {
            ref = StateRef.parse(stateRef);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("malformed-state-ref", e.getMessage());
        }
        String scope = caller.readScope();
        return notary.spentState(ref).filter(spent -> scope == null || scope.equals(spent.requester()))
                .orElseThrow(() -> ProblemException.notFound("state " + stateRef + " is not consumed, or not by a transaction you requested"));
    }
}
