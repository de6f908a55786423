package io.tradenet.deploy.infra;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM this process started and alone controls: stop (SIGTERM, then SIGKILL after a grace
 * period), kill (SIGKILL), pause (SIGSTOP) and resume (SIGCONT), always by its own pid.
 */
public class JavaProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path logFile;

    protected JavaProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    public static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Starts {@code java <jvmArgs> <mainArgs>} with output appended to logFile. */
    public static JavaProcess start(String name, List<String> jvmArgs, List<String> mainArgs, Map<String, String> env,
                                    Path workDir, Path logFile) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(jvmArgs);
        command.addAll(mainArgs);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().putAll(env);
        try {
            return new JavaProcess(name, builder.start(), logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    public static String classpath(Path libDir, Path... more) {
        List<String> entries = new ArrayList<>();
        for (Path p : more) {
            entries.add(p.toString());
        }
        entries.add(libDir.resolve("*").toString());
        return String.join(File.pathSeparator, entries);
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Process process() {
        return process;
    }

    /** SIGTERM, wait for a graceful exit, then SIGKILL. */
    public void stop() {
        stopAll(List.of(this));
    }

    /**
     * Stops several at once: SIGTERM to each, then waits for them all (30 s in all), then SIGKILL to any still
     * running. Each shuts down gracefully in its own time (a service takes 3-5 s on two cores), so stopping
     * one after the other would add those times up.
     */
    public static void stopAll(Collection<? extends JavaProcess> processes) {
        List<Process> running = processes.stream().map(JavaProcess::process).filter(Process::isAlive).toList();
        running.forEach(Process::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try {
            for (Process p : running) {
                if (!p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            running.forEach(Process::destroyForcibly);
            Thread.currentThread().interrupt();
        }
    }

    /** kill -9: the process gets no chance to clean up. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGSTOP: the process freezes with its sockets open, as in a long GC pause or a hung host. */
    public void pause() {
        signal("STOP");
    }

    /** SIGCONT after {@link #pause()}. */
    public void resume() {
        signal("CONT");
    }

    private void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return name + " (pid " + pid() + ")";
    }
}
