package io.tradenet.contract.service;

import io.tradenet.contract.party.NetworkIdentity;
import io.tradenet.contract.party.Role;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Loads the service's identity at start-up and fails fast if its key is not the registered one. */
public class IdentityProducer {

    @Produces
    @Singleton
    NetworkIdentity identity(NetworkConfig config) {
        return NetworkIdentity.load(config.registryFile(), config.party(), config.keyFile(), config.role());
    }
}
