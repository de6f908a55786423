package io.tradenet.testkit;

import io.tradenet.deploy.local.LocalNetwork;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Temporary directories for tests that are removed, with everything in them, when the test JVM exits. */
public final class TempDirectories {

    private TempDirectories() {
    }

    /** A new directory under the system's temporary directory, named from {@code prefix}, deleted at JVM exit. */
    public static Path removedAtExit(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> LocalNetwork.deleteTree(dir), "remove-" + prefix));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
