package io.tradenet.testkit;

import io.tradenet.deploy.local.LocalNetwork;
import io.tradenet.deploy.infra.KafkaBroker;
import io.tradenet.deploy.infra.Ports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** One real KRaft broker per test JVM, on free loopback ports, stopped and its directory removed when the JVM exits. */
public final class SharedKafka {

    private static KafkaBroker broker;

    private SharedKafka() {
    }

    public static synchronized KafkaBroker get() {
        if (broker == null || !broker.isAlive()) {
            Path dir;
            try {
                dir = Files.createTempDirectory("tradenet-kafka");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            broker = KafkaBroker.start(dir, Ports.free(), Ports.free(), KafkaBroker.defaultLibs());
            broker.createTopics(topics());
            KafkaBroker started = broker;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.stop();
                LocalNetwork.deleteTree(dir); // its log, once it has stopped writing it
            }, "stop-test-kafka"));
        }
        return broker;
    }

    /** The network's topics with the partition counts the local run uses. */
    public static Map<String, Integer> topics() {
        return LocalNetwork.topics(1);
    }
}
