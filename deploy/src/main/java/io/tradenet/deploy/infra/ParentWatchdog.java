package io.tradenet.deploy.infra;

import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Runs another main class and halts the JVM as soon as the process that started it is gone, so a
 * broker or service started by a test or the local network never outlives its launcher, even when the
 * launcher is killed with SIGKILL and its shutdown hooks never run.
 * Usage: {@code ParentWatchdog <parent pid> <main class> [args...]}.
 */
public final class ParentWatchdog {

    private ParentWatchdog() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: ParentWatchdog <parent pid> <main class> [args...]");
            System.exit(2);
        }
        long parent = Long.parseLong(args[0]);
        Thread watchdog = new Thread(() -> {
            while (true) {
                if (ProcessHandle.of(parent).map(ProcessHandle::isAlive).orElse(false)) {
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException e) {
                        return;
                    }
                } else {
                    System.err.println("launcher " + parent + " is gone; stopping");
                    Runtime.getRuntime().halt(143);
                }
            }
        }, "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        Method main = Class.forName(args[1]).getMethod("main", String[].class);
        main.invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
    }

    /** The jar holding only this class (deploy/target/tradenet-watchdog.jar), to prefix child classpaths with. */
    public static java.nio.file.Path jar() {
        java.nio.file.Path jar = Layout.repositoryRoot().resolve("deploy/target/tradenet-watchdog.jar");
        if (!java.nio.file.Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing; build with ./mvnw package");
        }
        return jar;
    }
}
