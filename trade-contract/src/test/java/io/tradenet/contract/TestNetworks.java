package io.tradenet.contract;

import io.tradenet.contract.party.DemoNetwork;
import io.tradenet.contract.party.NetworkGenerator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A freshly generated demo network (registry and keys) in a temporary directory, removed at JVM exit. */
public final class TestNetworks {

    private static NetworkGenerator.Network demo;

    private TestNetworks() {
    }

    public static synchronized NetworkGenerator.Network demo() {
        if (demo == null) {
            try {
                Path dir = Files.createTempDirectory("tradenet-network");
                demo = NetworkGenerator.generate(dir, DemoNetwork.NAME, DemoNetwork.parties());
                // removed at JVM exit: deleteOnExit deletes in reverse order of registration, so children before their directory
                try (Stream<Path> paths = Files.walk(dir)) {
                    paths.forEach(path -> path.toFile().deleteOnExit());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return demo;
    }
}
