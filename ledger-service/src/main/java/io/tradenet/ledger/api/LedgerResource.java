package io.tradenet.ledger.api;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.tradenet.contract.ledger.ConsistencyProof;
import io.tradenet.contract.ledger.InclusionProof;
import io.tradenet.contract.ledger.LedgerEntry;
import io.tradenet.contract.ledger.VerificationReport;
import io.tradenet.ledger.query.LedgerQueries;
import io.quarkus.security.Authenticated;
import io.tradenet.contract.security.Caller;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * The ledger's HTTP API. Outside verifiers script against these names. Checkpoint, leaves and proofs
 * are public (hashes only).
 */
@Path("/api/ledger")
@Tag(name = "Ledger")
@Blocking
public class LedgerResource {

    @Inject
    LedgerQueries ledger;

    @Inject
    Caller caller;

    @PermitAll
    @GET
    @Path("/checkpoint")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "Latest signed checkpoint", description = "C2SP tlog-checkpoint signed note: origin, tree size, base64 root, blank line, Ed25519 signature line.")
    public String checkpoint() {
        return ledger.checkpoint();
    }

    @PermitAll
    @GET
    @Path("/verifier-key")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "The key that signs checkpoints (C2SP vkey)",
            description = "`<origin>+<hex key id>+<base64(0x01 || Ed25519 public key)>`, the form note verifiers take. A verifier should "
                    + "pin the key it got from the network registry out of band; this copy lets a browser or a script start from it.")
    public String verifierKey() {
        return ledger.verifierKey();
    }

    @PermitAll
    @GET
    @Path("/checkpoints/{size}")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "The checkpoint signed at a tree size", description = "For consistency checks against an earlier checkpoint.")
    public String checkpointAt(@PathParam("size") long size) throws SQLException {
        return ledger.checkpoint(size);
    }

    @PermitAll
    @GET
    @Path("/leaves")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Leaf hashes of a range (base64)")
    public Map<String, Object> leaves(@QueryParam("from") @DefaultValue("0") long from, @QueryParam("limit") @DefaultValue("100") int limit)
            throws SQLException {
        return Map.of("from", from, "leaves", ledger.leaves(from, limit));
    }

    @Authenticated
    @GET
    @Path("/entries")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Entries of a range", description = "Each with its leaf hash, the previous entry's hash and the document hashed into the leaf. "
            + "A regulator reads every entry; another party the entries it is party to, from `from` on (up to `limit` of them).")
    public List<LedgerEntry> entries(@QueryParam("from") @DefaultValue("0") long from, @QueryParam("limit") @DefaultValue("100") int limit)
            throws SQLException {
        return ledger.entries(from, limit, caller.readScope());
    }

    @Authenticated
    @GET
    @Path("/entries/{index}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One entry", description = "For a regulator or a party to the entry (403 not-a-party otherwise).")
    public LedgerEntry entry(@PathParam("index") long index) throws SQLException {
        return ledger.entry(index, caller.readScope());
    }

    @PermitAll
    @GET
    @Path("/proofs/inclusion")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Inclusion proof", description = "RFC 9162 audit path of leaf `index` in the tree of size `treeSize`.")
    @NonBlocking // answered on the I/O thread when the path is in memory; otherwise the database is read on a worker
    public Uni<InclusionProof> inclusion(@QueryParam("index") long index, @QueryParam("treeSize") long treeSize) {
        return ledger.inclusionFromMemory(index, treeSize).map(proof -> Uni.createFrom().item(proof))
                .orElseGet(() -> Uni.createFrom().<InclusionProof>emitter(answer -> {
                    try {
                        answer.complete(ledger.inclusion(index, treeSize));
                    } catch (SQLException | RuntimeException e) {
                        answer.fail(e);
                    }
                }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()));
    }

    @PermitAll
    @GET
    @Path("/proofs/consistency")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Consistency proof", description = "RFC 9162 proof that the tree of size `to` extends the tree of size `from`.")
    public ConsistencyProof consistency(@QueryParam("from") long from, @QueryParam("to") long to) throws SQLException {
        return ledger.consistency(from, to);
    }

    @RolesAllowed("REGULATOR")
    @GET
    @Path("/verify")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Re-verify the stored log (regulators)", description = "Recomputes every leaf hash, the hash chain and the root at every signed checkpoint; names the first failing index.")
    public VerificationReport verify() throws SQLException {
        return ledger.verify();
    }
}
