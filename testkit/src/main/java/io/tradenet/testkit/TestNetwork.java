package io.tradenet.testkit;

import io.tradenet.deploy.auth.DevTokens;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.tradenet.contract.crypto.SigningKey;
import io.tradenet.contract.party.DemoNetwork;
import io.tradenet.contract.party.NetworkGenerator;
import io.tradenet.contract.party.PartyRegistry;


/** The demo network generated once per test JVM (removed when it exits): services and tests read the same registry and keys. */
public final class TestNetwork {

    private static NetworkGenerator.Network network;
    private static final Map<String, String> TOKENS = new HashMap<>();

    private TestNetwork() {
    }

    public static synchronized NetworkGenerator.Network get() {
        if (network == null) {
            network = NetworkGenerator.generate(TempDirectories.removedAtExit("tradenet-test-network"), DemoNetwork.NAME, DemoNetwork.parties());
        }
        return network;
    }

    public static SigningKey key(String party) {
        return get().key(party);
    }

    /** A development bearer token for a demo party, with its registry roles (valid for an hour). */
    public static synchronized String token(String party) {
        return TOKENS.computeIfAbsent(party, p -> DevTokens.mint(get(), p, Duration.ofHours(1)));
    }

    /** "Bearer &lt;token&gt;" for an Authorization header. */
    public static String bearer(String party) {
        return "Bearer " + token(party);
    }

    public static PartyRegistry registry() {
        return get().registry();
    }
}
