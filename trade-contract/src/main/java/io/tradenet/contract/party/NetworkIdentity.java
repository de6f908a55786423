package io.tradenet.contract.party;

import io.tradenet.contract.crypto.Ed25519;
import io.tradenet.contract.crypto.SigningKey;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * A service's view of the network: the registry every party shares and the service's own signing key,
 * checked against its registry entry and role at start-up so a misconfigured key fails fast.
 */
public record NetworkIdentity(PartyRegistry registry, SigningKey key) {

    public static NetworkIdentity load(Path registryFile, String party, Path keyFile, Role requiredRole) {
        PartyRegistry registry = PartyRegistry.load(registryFile);
        Party entry = registry.get(party);
        if (!entry.hasRole(requiredRole)) {
            throw new IllegalStateException(party + " is registered without role " + requiredRole);
        }
        SigningKey key = SigningKey.load(party, keyFile);
        if (!Arrays.equals(key.publicKey().getEncoded(), Ed25519.publicKeyFromB64(entry.publicKey()).getEncoded())) {
            throw new IllegalStateException("the key in " + keyFile + " is not the registered key of " + party);
        }
        return new NetworkIdentity(registry, key);
    }

    public String name() {
        return key.partyName();
    }
}
