package io.tradenet.deploy.bench;

import io.tradenet.deploy.infra.JavaProcess;
import io.tradenet.deploy.infra.ParentWatchdog;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The JVM a latency benchmark's client runs in. The notary benchmark times each answer from send to
 * receipt in its own process, so a pause of its own garbage collector is counted as notary latency. Run
 * with the JVM's defaults (G1, 200 ms goal) its young pauses took 30 to 58 ms, with G1's 20 ms goal still
 * up to 55 ms (two cores shared with everything else stretch every stop-the-world pause), and one such
 * pause made a run's p99 (GC logs of the client and the notary members, times matched to the slowest
 * answers). So {@code tradenet bench notary} runs itself again in a child JVM with ZGC, whose pauses stay
 * under a millisecond, whatever JVM it was started in; the JVM options it was started with (a GC log, say)
 * are passed on after these.
 */
public final class ClientJvm {

    /** Set in the child, which then runs the benchmark itself. */
    static final String CHILD_PROPERTY = "tradenet.bench.client-jvm";

    /** ZGC (concurrent; sub-millisecond pauses) with a fixed heap that holds a run's prepared requests many times over. */
    public static final List<String> SETTINGS = List.of("-XX:+UseZGC", "-Xms2g", "-Xmx2g");

    /** A collector choice: it would conflict with the child's ZGC. */
    private static final String COLLECTOR = "-XX:[+-]Use\\w+GC";

    private static final Pattern NOT_PASSED_ON = Pattern.compile(
            COLLECTOR + "$|-Xm[sxn]|-XX:(Max|Initial|Min)HeapSize=|-XX:MaxRAM|-XX:InitialRAM|-XX:MinRAM|-agentlib:|-agentpath:|-javaagent:|-Xrunjdwp");

    private ClientJvm() {
    }

    /** Whether this JVM is already the benchmark client's. */
    public static boolean isCurrent() {
        return Boolean.getBoolean(CHILD_PROPERTY);
    }

    /**
     * Runs {@code tradenet <args>} in a child JVM with {@link #SETTINGS}, its output this process's, and
     * returns its exit code. The child stops if this process is killed (parent watchdog) and is stopped
     * with it on Ctrl-C or SIGTERM.
     */
    public static int run(List<String> args) throws InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(JavaProcess.javaExecutable());
        command.addAll(SETTINGS);
        // the caller's own options follow and win (a GC log, say), except those that would stop the child from
        // starting: a collector (it conflicts with ZGC), a heap size (-Xmx below the -Xms given here), a debugger
        // or agent (its port is taken by the caller)
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(option -> !NOT_PASSED_ON.matcher(option).lookingAt())
                .forEach(command::add);
        command.add("-D" + CHILD_PROPERTY + "=true");
        command.add("-cp");
        command.add(ParentWatchdog.jar() + java.io.File.pathSeparator + ownJar());
        command.add(ParentWatchdog.class.getName());
        command.add(Long.toString(ProcessHandle.current().pid()));
        command.add(io.tradenet.deploy.cli.TradenetCli.class.getName());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        for (String variable : List.of("JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS")) {
            // read by every JVM before its command line: a collector named there would conflict with ZGC
            builder.environment().computeIfPresent(variable, (name, value) -> value.replaceAll(COLLECTOR, "").trim());
        }
        Process child;
        try {
            child = builder.start();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot start the benchmark's client JVM", e);
        }
        Thread stopChild = new Thread(() -> {
            child.destroy(); // SIGTERM: the child stops what it started, then exits
            try {
                child.waitFor(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "stop-bench-client");
        Runtime.getRuntime().addShutdownHook(stopChild);
        int exit = child.waitFor();
        try {
            Runtime.getRuntime().removeShutdownHook(stopChild);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C or SIGTERM: the hook stopped the child, which is why waitFor returned
        }
        return exit;
    }

    private static String ownJar() {
        try {
            return Path.of(ClientJvm.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("cannot locate the tradenet jar", e);
        }
    }
}
