package io.tradenet.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** Gives a service under test the shared test network's registry and its own key (arg {@code party}). */
public class NetworkResource implements QuarkusTestResourceLifecycleManager {

    private String party;

    @Override
    public void init(Map<String, String> initArgs) {
        party = initArgs.get("party");
        if (party == null) {
            throw new IllegalArgumentException("NetworkResource needs the service's party name as init arg 'party'");
        }
    }

    @Override
    public Map<String, String> start() {
        return Map.of("tradenet.network.registry-file", TestNetwork.get().registryFile().toString(),
                "tradenet.network.party", party,
                "tradenet.network.key-file", TestNetwork.get().keyFile(party).toString(),
                "mp.jwt.verify.publickey.location", TestNetwork.get().tokenIssuerPublicKeyFile().toUri().toString());
    }

    @Override
    public void stop() {
    }
}
