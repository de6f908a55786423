package io.tradenet.testkit;

import io.tradenet.contract.crypto.SigningKey;
import io.tradenet.contract.party.DemoNetwork;
import io.tradenet.contract.party.NetworkGenerator;
import io.tradenet.contract.party.PartyRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** The demo network generated once per test JVM: services and tests read the same registry and keys. */
public final class TestNetwork {

    private static NetworkGenerator.Network network;

    private TestNetwork() {
    }

    public static synchronized NetworkGenerator.Network get() {
        if (network == null) {
            try {
                network = NetworkGenerator.generate(Files.createTempDirectory("tradenet-test-network"), DemoNetwork.NAME, DemoNetwork.parties());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return network;
    }

    public static SigningKey key(String party) {
        return get().key(party);
    }

    public static PartyRegistry registry() {
        return get().registry();
    }
}
