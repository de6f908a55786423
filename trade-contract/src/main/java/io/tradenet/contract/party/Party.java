package io.tradenet.contract.party;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.tradenet.contract.crypto.Ed25519;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A registered party: its unique name, its roles and its Ed25519 public key (raw 32 bytes, base64).
 * Banks carry their BIC and trading parties their legal name, so that SWIFT fields can be resolved to
 * parties.
 */
public record Party(String name, Set<Role> roles, String publicKey, String bic, String legalName) {

    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");
    public static final Pattern BIC = Pattern.compile("[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?");

    public Party {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("party name must match " + NAME.pattern() + ": " + name);
        }
        roles = Set.copyOf(Objects.requireNonNull(roles, "roles"));
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("party " + name + " has no role");
        }
        Ed25519.publicKeyFromB64(Objects.requireNonNull(publicKey, "publicKey"));
        if (bic != null && !BIC.matcher(bic).matches()) {
            throw new IllegalArgumentException("party " + name + " has a malformed BIC " + bic);
        }
    }

    public boolean hasRole(Role role) {
        return roles.contains(role);
    }

    @JsonIgnore
    public Ed25519PublicKeyParameters key() {
        return Ed25519.publicKeyFromB64(publicKey);
    }
}
