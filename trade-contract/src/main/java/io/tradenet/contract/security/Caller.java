package io.tradenet.contract.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.tradenet.contract.http.ProblemException;
import io.tradenet.contract.party.Role;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

/**
 * The authenticated party behind the current request (the token's subject, checked against the
 * registry by {@link RegisteredPartyAugmentor}) and the record-level checks every service makes.
 */
@RequestScoped
public class Caller {

    @Inject
    SecurityIdentity identity;

    /** The caller's registered party name. */
    public String party() {
        return identity.getPrincipal().getName();
    }

    public boolean has(Role role) {
        return identity.hasRole(role.name());
    }

    /** Regulators read every record. */
    public boolean isRegulator() {
        return has(Role.REGULATOR);
    }

    /** The party whose records a read is restricted to, or null for a regulator, who reads everything. */
    public String readScope() {
        return isRegulator() ? null : party();
    }

    /** Refuses (403 signer-not-caller) an instruction or request signed by anyone but the caller. */
    public void requireSigner(String signer) {
        if (!party().equals(signer)) {
            throw ProblemException.forbidden("signer-not-caller",
                    "signed by " + signer + " but the authenticated caller is " + party());
        }
    }

    /** Refuses (403 role-not-allowed) a caller without any of the roles. */
    public void requireAnyRole(Role... roles) {
        for (Role role : roles) {
            if (has(role)) {
                return;
            }
        }
        throw ProblemException.forbidden("role-not-allowed", party() + " holds none of the roles " + java.util.Arrays.toString(roles));
    }
}
