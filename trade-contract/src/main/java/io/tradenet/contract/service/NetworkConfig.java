package io.tradenet.contract.service;

import io.smallrye.config.ConfigMapping;
import io.tradenet.contract.party.Role;

import java.nio.file.Path;

/** Where the party registry and this service's own key are ({@code tradenet.network.*}); shared by the three services. */
@ConfigMapping(prefix = "tradenet.network")
public interface NetworkConfig {
    Path registryFile();

    /** This service's registered party name. */
    String party();

    /** PKCS#8 PEM file of this service's Ed25519 key (a Kubernetes secret in production). */
    Path keyFile();

    /** The role the service's registry entry must hold (NOTARY, LEDGER or GATEWAY). */
    Role role();
}
