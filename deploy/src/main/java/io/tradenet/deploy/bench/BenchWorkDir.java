package io.tradenet.deploy.bench;

import io.tradenet.deploy.local.LocalNetwork;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A benchmark run's working directory (Kafka's log, the services' logs and data): removed when the run
 * completed, kept and named when it failed, so that its logs can be read. A ledger run of a million
 * entries leaves about 2 GB of Kafka log; kept, a day of runs filled /tmp with 16 GB.
 */
final class BenchWorkDir implements AutoCloseable {

    private final Path path;
    private final PrintStream log;
    private boolean completed;

    private BenchWorkDir(Path path, PrintStream log) {
        this.path = path;
        this.log = log;
    }

    static BenchWorkDir create(String prefix, PrintStream log) throws IOException {
        return new BenchWorkDir(Files.createTempDirectory(prefix), log);
    }

    Path path() {
        return path;
    }

    /** The run completed: its directory is removed on close. */
    void completed() {
        completed = true;
    }

    @Override
    public void close() {
        if (completed) {
            LocalNetwork.deleteTree(path);
        } else {
            log.println("  the run did not complete; its logs are kept in " + path);
        }
    }
}
