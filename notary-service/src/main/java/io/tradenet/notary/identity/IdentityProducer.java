package io.tradenet.notary.identity;

import io.tradenet.contract.party.NetworkIdentity;
import io.tradenet.contract.party.Role;
import io.tradenet.notary.config.NetworkConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

public class IdentityProducer {

    @Produces
    @Singleton
    NetworkIdentity identity(NetworkConfig config) {
        return NetworkIdentity.load(config.registryFile(), config.party(), config.keyFile(), Role.NOTARY);
    }
}
