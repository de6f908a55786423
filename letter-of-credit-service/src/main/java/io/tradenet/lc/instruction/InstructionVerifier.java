package io.tradenet.lc.instruction;

import io.tradenet.contract.http.ProblemException;
import io.tradenet.contract.json.MalformedDocumentException;
import io.tradenet.contract.party.NetworkIdentity;
import io.tradenet.contract.party.Role;
import io.tradenet.contract.tx.Instruction;
import io.tradenet.contract.tx.SignedInstruction;
import io.tradenet.lc.config.LcConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Checks a party's signed instruction before anything is built from it: well-formed, the expected
 * action, signed by a registered party holding one of the allowed roles (against the registry's key,
 * never a key that came with the request), naming this network's notary, with a bounded time window.
 */
@ApplicationScoped
public class InstructionVerifier {

    private final NetworkIdentity identity;
    private final LcConfig config;

    @Inject
    public InstructionVerifier(NetworkIdentity identity, LcConfig config) {
        this.identity = identity;
        this.config = config;
    }

    /**
     * Verifies a party's submission for {@code expectedAction}, signed by {@code caller} (the authenticated
     * party): signature against the registry, role, notary, time window, and signer = caller.
     */
    public Instruction verify(SignedInstruction submission, String expectedAction, Set<Role> allowedRoles, String caller) {
        if (submission.signature() == null || submission.signature().isBlank()) {
            throw ProblemException.badRequest("signature-missing", "the instruction is not signed");
        }
        Instruction instruction;
        try {
            instruction = submission.parsed();
        } catch (MalformedDocumentException e) {
            throw ProblemException.badRequest("malformed-instruction", e.getMessage());
        }
        if (!expectedAction.equals(instruction.action())) {
            throw ProblemException.badRequest("wrong-action", "this endpoint takes " + expectedAction + " instructions, not " + instruction.action());
        }
        if (identity.registry().find(instruction.signer()).isEmpty()) {
            throw ProblemException.forbidden("unknown-party", "signer " + instruction.signer() + " is not a registered party");
        }
        if (!identity.registry().verify(instruction.signer(), submission.signedBytes(), submission.signature())) {
            throw ProblemException.forbidden("signature-invalid", "the signature does not verify against " + instruction.signer()
                    + "'s registered key over the instruction's RFC 8785 canonical bytes");
        }
        if (allowedRoles.stream().noneMatch(role -> identity.registry().hasRole(instruction.signer(), role))) {
            throw ProblemException.forbidden("wrong-role", instruction.signer() + " may not " + expectedAction + " (needs one of " + allowedRoles + ")");
        }
        if (!config.notary().equals(instruction.notary())) {
            throw ProblemException.unprocessable("wrong-notary", "instructions in this network name notary " + config.notary());
        }
        Instant from = instruction.timeWindow().from();
        Instant until = instruction.timeWindow().until();
        if (from == null || until == null || Duration.between(from, until).compareTo(config.maxTimeWindow()) > 0) {
            throw ProblemException.unprocessable("time-window-too-wide", "an instruction's time window needs both bounds and at most "
                    + config.maxTimeWindow() + " between them");
        }
        if (!until.isAfter(Instant.now())) {
            throw ProblemException.unprocessable("time-window-invalid", "the instruction's time window closed at " + until)
                    .with("notaryTime", Instant.now());
        }
        if (!instruction.signer().equals(caller)) {
            throw ProblemException.forbidden("signer-not-caller", "signed by " + instruction.signer() + " but the authenticated caller is " + caller);
        }
        return instruction;
    }
}
