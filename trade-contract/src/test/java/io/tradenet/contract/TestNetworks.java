package io.tradenet.contract;

import io.tradenet.contract.party.DemoNetwork;
import io.tradenet.contract.party.NetworkGenerator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** A freshly generated demo network (registry and keys) in a temporary directory. */
public final class TestNetworks {

    private static NetworkGenerator.Network demo;

    private TestNetworks() {
    }

    public static synchronized NetworkGenerator.Network demo() {
        if (demo == null) {
            try {
                demo = NetworkGenerator.generate(Files.createTempDirectory("tradenet-network"), DemoNetwork.NAME, DemoNetwork.parties());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return demo;
    }
}
