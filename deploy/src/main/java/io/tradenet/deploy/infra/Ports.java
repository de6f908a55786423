package io.tradenet.deploy.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** Loopback ports: free-port allocation for tests and "does anything answer" probes. */
public final class Ports {

    public static final String LOOPBACK = "127.0.0.1";

    private Ports() {
    }

    /**
     * Below Linux's ephemeral range (32768-60999): a port the kernel handed out for "port 0" is also where
     * outgoing connections (Kafka clients, JDBC) take their local ports from, so between this check and
     * the service binding it, one of them could take it (seen once in CI: "Port ... seems to be in use").
     */
    private static final int FIRST = 20_000;
    private static final int LAST = 32_000;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    /** A loopback port nothing listens on now, never the same twice in this JVM. */
    public static int free() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = random.nextInt(FIRST, LAST);
            if (!HANDED_OUT.add(port)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(false);
                socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port), 1);
                return port;
            } catch (IOException taken) {
                // in use: try another
            }
        }
        throw new UncheckedIOException(new IOException("no free loopback port in " + FIRST + "-" + LAST + " after 200 attempts"));
    }

    public static boolean answers(String host, int port, int timeoutMillis) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
