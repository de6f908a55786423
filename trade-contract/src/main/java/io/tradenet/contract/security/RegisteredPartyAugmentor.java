package io.tradenet.contract.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tradenet.contract.party.NetworkIdentity;
import io.tradenet.contract.party.Party;
import io.tradenet.contract.party.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Binds a verified bearer token to the party registry. The token's subject must be a registered
 * party, and its roles are the token's groups that the registry also grants that party: a token that
 * claims BANK for a carrier carries no BANK role here. An unknown subject fails authentication (401).
 * Each authenticated request also takes one permit of the party's rate limit (429 when exhausted).
 */
@ApplicationScoped
public class RegisteredPartyAugmentor implements SecurityIdentityAugmentor {

    @Inject
    NetworkIdentity identity;

    @Inject
    PartyRateLimits limits;

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity caller, AuthenticationRequestContext context) {
        if (caller.isAnonymous()) {
            return Uni.createFrom().item(caller);
        }
        String name = caller.getPrincipal().getName();
        Optional<Party> party = identity.registry().find(name);
        if (party.isEmpty()) {
            return Uni.createFrom().failure(new AuthenticationFailedException("token subject " + name + " is not a registered party"));
        }
        try {
            limits.acquire(name);
        } catch (RateLimitedException e) {
            return Uni.createFrom().failure(e);
        }
        Set<String> granted = party.get().roles().stream().map(Role::name).collect(Collectors.toSet());
        Set<String> roles = caller.getRoles().stream().filter(granted::contains).collect(Collectors.toSet());
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(caller.getPrincipal())
                .addCredentials(caller.getCredentials())
                .addAttributes(caller.getAttributes())
                .addRoles(roles)
                .setAnonymous(false)
                .build());
    }
}
