package io.tradenet.deploy.bench;

import io.tradenet.deploy.local.LocalNetwork;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A benchmark run's working directory (Kafka's log, the services' logs and data): removed when the run
 * completed, kept and named when it failed, so that its logs can be read. A ledger run of a million
 * entries leaves about 2 GB of Kafka log; kept, a day of runs filled /tmp with 16 GB.
 */
final class BenchWorkDir {

    /** A run in its working directory; it closes what it started there before it returns. */
    interface Run<T> {
        T in(Path work) throws Exception;
    }

    private BenchWorkDir() {
    }

    static <T> T run(String prefix, PrintStream log, Run<T> run) throws Exception {
        Path work = Files.createTempDirectory(prefix);
        T result;
        try {
            result = run.in(work);
        } catch (Exception | Error e) {
            log.println("  the run did not complete; its logs are kept in " + work);
            throw e;
        }
        LocalNetwork.deleteTree(work);
        return result;
    }
}
