package io.tradenet.lc.api;

import io.smallrye.common.annotation.Blocking;
import io.tradenet.contract.json.Json;
import io.tradenet.contract.tx.SignedInstruction;
import io.tradenet.lc.credit.CreditService;
import io.tradenet.lc.credit.CreditView;
import io.quarkus.security.Authenticated;
import io.tradenet.contract.security.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import io.tradenet.contract.http.ProblemException;
import io.tradenet.lc.credit.CreditStatus;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.sql.SQLException;
import java.util.List;

/** Documentary credits: issue, list and read. Thin: each call delegates to {@link CreditService}. */
@Path("/api/credits")
@Tag(name = "Credits")
@Blocking
public class CreditResource {

    @Inject
    CreditService credits;

    @Inject
    Caller caller;

    @POST
    @RolesAllowed("BANK")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Issue a credit (issuing bank)",
            description = "Body: the issuing bank's signed IssueCredit instruction {instruction, signature}; the signature is Ed25519 "
                    + "over the RFC 8785 canonical bytes of the instruction, checked against the registry. The credit is notarised "
                    + "and appended to the ledger.")
    @RequestBody(description = "SignedInstruction with action IssueCredit and body {credit: CreditTerms}")
    @APIResponse(responseCode = "201", description = "Issued and notarised")
    @APIResponse(responseCode = "202", description = "Accepted; the notary has not answered yet (the service finishes it)")
    @APIResponse(responseCode = "400", description = "Malformed or unsigned")
    @APIResponse(responseCode = "401", description = "No valid bearer token of a registered party")
    @APIResponse(responseCode = "403", description = "Signature invalid, signer not the caller, or signer not the issuing bank")
    @APIResponse(responseCode = "409", description = "Credit number taken, instruction replayed, or notary conflict")
    @APIResponse(responseCode = "422", description = "Invalid terms (each error names its MT700 field) or time window")
    public Response issue(String body) throws SQLException {
        CreditService.Result result = credits.issue(Json.read(body, SignedInstruction.class), caller.party());
        return Response.status(result.pending() ? 202 : 201)
                .location(URI.create("/api/credits/" + result.credit().reference()))
                .entity(result.credit()).build();
    }

    @GET
    @Authenticated
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The caller's credits, most recently changed first",
            description = "The credits the caller is party to (a regulator: all), each as GET /api/credits/{reference} shows it, with its "
                    + "presentations, their examination deadlines (UCP 600 art. 14(b), 5 banking days) and discrepancies. Optional `status` "
                    + "filter; at most `limit` (1 to " + LIST_MAX + ") credits.")
    @APIResponse(responseCode = "200", description = "The credits")
    @APIResponse(responseCode = "400", description = "Unknown status or limit out of range")
    @APIResponse(responseCode = "401", description = "No valid bearer token of a registered party")
    public List<CreditView> list(@QueryParam("status") String status, @QueryParam("limit") @DefaultValue("50") int limit) throws SQLException {
        if (limit < 1 || limit > LIST_MAX) {
            throw ProblemException.badRequest("bad-limit", "limit must be between 1 and " + LIST_MAX);
        }
        CreditStatus wanted = null;
        if (status != null && !status.isBlank()) {
            try {
                wanted = CreditStatus.valueOf(status.trim());
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("bad-status", "unknown credit status " + status.trim() + "; one of "
                        + java.util.Arrays.toString(CreditStatus.values()));
            }
        }
        return credits.list(caller.readScope(), wanted, limit);
    }

    /** The most credits one list answer holds. */
    static final int LIST_MAX = 200;

    @GET
    @Path("/{reference}")
    @Authenticated
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A credit's current state", description = "For its parties (issuing and advising bank, applicant, beneficiary) "
            + "and regulators; 404 for anyone else, as for a credit that does not exist.")
    public CreditView get(@PathParam("reference") String reference) throws SQLException {
        return credits.get(reference, caller.readScope());
    }

    @GET
    @Path("/{reference}/mt700")
    @Authenticated
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "A credit as an MT700 (SWIFT FIN text)",
            description = "From its issuing bank (sender) to its advising bank (receiver), through Prowide Core; importing it again gives "
                    + "the same credit. Same readers as the credit itself.")
    public String mt700(@PathParam("reference") String reference) throws SQLException {
        return credits.mt700(credits.get(reference, caller.readScope()));
    }

    @GET
    @Path("/{reference}/amendments/{number}/mt707")
    @Authenticated
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "An amendment as an MT707 (SWIFT FIN text)",
            description = "Amendment {number} (field 26E) from the issuing bank (sender) to the advising bank (receiver), through Prowide "
                    + "Core; importing it again gives the same amendment. The pending amendment and every answered one (accepted or "
                    + "rejected), dated the day it was made. Same readers as the credit.")
    @APIResponse(responseCode = "200", description = "The amendment as an MT707")
    @APIResponse(responseCode = "400", description = "The amendment number is not a number of 1 to 3 digits")
    @APIResponse(responseCode = "401", description = "No valid bearer token of a registered party")
    @APIResponse(responseCode = "404", description = "No such credit, not one the caller may read, or no amendment of that number")
    public String mt707(@PathParam("reference") String reference, @PathParam("number") String number) throws SQLException {
        if (number == null || !number.matches("[0-9]{1,3}")) {
            throw ProblemException.badRequest("bad-amendment-number", "the amendment number (26E) in the path is 1 to 3 digits");
        }
        return credits.mt707(credits.get(reference, caller.readScope()), Integer.parseInt(number));
    }

    @POST
    @Path("/{reference}/actions")
    @RolesAllowed({"BANK", "APPLICANT", "BENEFICIARY"})
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A step in the credit's life",
            description = "The acting party's signed instruction: AdviseCredit (advising bank, {confirm}), AmendCredit (issuing bank, "
                    + "{amendment} or {mt707}), AdviseAmendment (advising bank, {amendment: number, extendConfirmation}: a confirming bank "
                    + "may decline to extend its confirmation, UCP 600 art. 10(b)), AcceptAmendment / RejectAmendment (beneficiary, {amendment: number}), PresentDocuments "
                    + "(beneficiary, {presentation: {id, amount, documents}}: examined at once under UCP 600), Honour / Refuse (issuing bank; "
                    + "Honour also the confirming bank; {presentation: id, disposal}), WaiveDiscrepancies (applicant, {presentation: id}). "
                    + "The body names the credit ({reference}) and the instruction consumes exactly the credit's current state.")
    @APIResponse(responseCode = "200", description = "Notarised: the credit's new state")
    @APIResponse(responseCode = "202", description = "Accepted; the notary has not answered yet")
    @APIResponse(responseCode = "400", description = "Malformed, unsigned, or not a lifecycle action")
    @APIResponse(responseCode = "401", description = "No valid bearer token of a registered party")
    @APIResponse(responseCode = "403", description = "Signature invalid, signer not the caller, or not the credit's party for this step")
    @APIResponse(responseCode = "404", description = "No such credit, or not one the caller is party to")
    @APIResponse(responseCode = "409", description = "Out of order (wrong state, stale state, amendment pending), replayed, or a notary conflict")
    @APIResponse(responseCode = "422", description = "Breaks a rule (UCP article named), or an invalid MT707")
    public Response act(@PathParam("reference") String reference, String body) throws SQLException {
        CreditService.Result result = credits.act(reference, Json.read(body, SignedInstruction.class), caller.party());
        return Response.status(result.pending() ? 202 : 200).entity(result.credit()).build();
    }

    @GET
    @Path("/{reference}/presentations/{presentation}/mt734")
    @Authenticated
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "The refusal notice of a presentation as an MT734 (UCP 600 art. 16)",
            description = "Every discrepancy with its article (77J) and the disposal of the documents (77B). Same readers as the credit.")
    public String mt734(@PathParam("reference") String reference, @PathParam("presentation") String presentation) throws SQLException {
        return credits.mt734(credits.get(reference, caller.readScope()), presentation);
    }
}
