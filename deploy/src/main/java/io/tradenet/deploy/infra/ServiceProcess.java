package io.tradenet.deploy.infra;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One of the three Quarkus services, run from its packaged jar as a child process on loopback. */
public final class ServiceProcess extends JavaProcess {

    public static final String NOTARY = "notary-service";
    public static final String LEDGER = "ledger-service";
    public static final String LC = "letter-of-credit-service";

    /**
     * A service JVM's heap, G1 pause-time goal, the floor of G1's young generation as a percentage of the
     * heap (G1's own default is 5) and how many young collections an object survives before it is promoted
     * (G1's default and maximum: 15), and whether the whole heap is touched at start-up
     * ({@code -XX:+AlwaysPreTouch}) rather than page by page as the collector first uses it. The services that
     * answer requests while the caller waits keep G1's pauses short; the ledger appends a stream in batches and
     * wants G1's throughput instead.
     */
    public record Jvm(String heap, int pauseGoalMillis, int youngFloorPercent, int tenuringThreshold, boolean preTouch) {
        /**
         * G1's default pause goal (200 ms) alone would break the notary's p99 of 50 ms: young pauses of 80-90 ms
         * were measured with a million consumed states in the heap. With the 20 ms goal and a 1 GiB heap G1 shrank
         * the young generation towards 5% and collected every few hundred milliseconds, so at half load a
         * request often waited behind a pause; three members on two cores made that the p99 (47.1 / 54.1 ms,
         * two runs). A 2 GiB heap with the young generation kept at 25% or more: 38.5 / 41.3 ms, same
         * throughput (each pair back to back).
         * <p>
         * Promoted after one young collection: what survives one in the notary is, nearly all of it, the
         * consumed-state index's newest entries, which live on for tens of seconds (200,000 per member, about
         * 5,000 new ones a second at half load). With G1's threshold of 15 they were copied from survivor space
         * to survivor space at every young pause until evicted: survivors grew by ~5 MB a pause to 36 MB, and the
         * pauses at half load from 17 to 54 ms (GC log of one member, each pause's Object Copy ~80% of it).
         * Promoted after one: 6-7 MB of survivors and 14-20 ms pauses in the same phase; the evicted entries are
         * collected from the old generation by G1's mixed collections instead.
         * <p>
         * Heap touched at start-up: each young pause promotes the ~5 MB of index entries that survived it into
         * old-generation memory the process has never written, and on a host that faults fresh memory in slowly
         * (the sixteenth session's: 230 to 360 MiB/s, against 2,400 on a good day) the pause waited for those page
         * faults. GC log of one member over the minute at half load: pauses 26 to 100 ms, median 33, without it;
         * 16 to 73 ms, median 19, and 14 to 53 ms, median 17, with it (one run without, two with). Start-up
         * touches the 2 GiB once instead: about 7 s on that host, under a second on a good one.
         */
        public static final Jvm NOTARY = new Jvm("2g", 20, 25, 1, true);
        public static final Jvm LC = new Jvm("512m", 20, 5, 15, false);
        /**
         * With a 20 ms goal G1 kept the ledger's young generation near 60 MB: a young pause every 75 ms, and the
         * batches in flight (parsed envelopes, entry rows, audit events) survived them and were copied into the
         * old generation, 848 pauses and 14.5 s of pausing in a 63 s benchmark run. With the default goal and
         * 2 GiB: a young pause (10-25 ms) every 4-5 s, 1.0 s in all; integration into a checkpoint has a
         * 1,000 ms budget, not 50.
         */
        public static final Jvm LEDGER = new Jvm("2g", 200, 5, 15, false);

        /** The heap and G1 flags this stands for. */
        public List<String> flags() {
            List<String> flags = new ArrayList<>(List.of("-Xmx" + heap, "-Xms" + heap, "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=" + pauseGoalMillis,
                    "-XX:+UnlockExperimentalVMOptions", "-XX:G1NewSizePercent=" + youngFloorPercent,
                    "-XX:MaxTenuringThreshold=" + tenuringThreshold));
            if (preTouch) {
                flags.add("-XX:+AlwaysPreTouch");
            }
            return flags;
        }
    }

    private final int httpPort;

    private ServiceProcess(String name, Process process, Path logFile, int httpPort) {
        super(name, process, logFile);
        this.httpPort = httpPort;
    }

    public int httpPort() {
        return httpPort;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    /**
     * Starts {@code module}'s quarkus-run.jar with the given configuration (as system properties), under
     * the parent watchdog, logging to logFile. Does not wait; see {@link #awaitReady(Duration)}.
     */
    public static ServiceProcess start(String module, String name, int httpPort, Map<String, String> config, Path workDir, Path logFile,
                                       Jvm sizing) {
        Path jar = Layout.serviceJar(module);
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing; build with ./mvnw package -DskipTests");
        }
        List<String> jvm = new ArrayList<>(sizing.flags());
        jvm.addAll(List.of("-XX:+ExitOnOutOfMemoryError",
                "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                // what Hazelcast asks for on Java 9+ (the notary embeds it; harmless elsewhere)
                "--add-modules", "java.se", "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
                "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens", "java.management/sun.management=ALL-UNNAMED",
                "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED",
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager", "-Dquarkus.http.port=" + httpPort));
        config.forEach((key, value) -> jvm.add("-D" + key + "=" + value));
        String extra = System.getProperty("tradenet.service.jvm-options", System.getenv("TRADENET_SERVICE_JVM_OPTIONS"));
        if (extra != null && !extra.isBlank()) {
            jvm.addAll(List.of(extra.trim().split("\\s+")));   // e.g. profiling flags
        }
        jvm.add("-cp");
        jvm.add(JavaProcess.classpath(jar.getParent().resolve("lib/boot"), ParentWatchdog.jar(), jar));
        List<String> main = List.of(ParentWatchdog.class.getName(), Long.toString(ProcessHandle.current().pid()),
                "io.quarkus.bootstrap.runner.QuarkusEntryPoint");
        JavaProcess process = JavaProcess.start(name, jvm, main, Map.of(), workDir, logFile);
        return new ServiceProcess(name, process.process(), logFile, httpPort);
    }

    /** Waits until /q/health/ready answers 200 (all checks UP). */
    public void awaitReady(Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!isAlive()) {
                throw new IllegalStateException(name() + " exited during start-up; see " + logFile());
            }
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        throw new IllegalStateException(name() + " not ready after " + timeout + " (" + last + "); see " + logFile());
    }
}
