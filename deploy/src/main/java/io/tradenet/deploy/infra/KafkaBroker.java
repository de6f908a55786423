package io.tradenet.deploy.infra;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A real Apache Kafka broker in KRaft mode (combined broker and controller, one node), run as its own
 * process from the org.apache.kafka:kafka_2.13 jars. Listens and advertises on 127.0.0.1 only.
 */
public final class KafkaBroker extends JavaProcess {

    /** Where the broker's jars are: deploy/target/lib, or the directory named by this property. */
    public static final String LIBS_PROPERTY = "tradenet.kafka.libs";

    /** How often the broker fsyncs each partition's log (see {@link #serverProperties}). */
    private static final long FLUSH_EVERY_MS = 1000;

    private final int port;
    private final Path dataDir;

    private KafkaBroker(Process process, Path logFile, int port, Path dataDir) {
        super("kafka", process, logFile);
        this.port = port;
        this.dataDir = dataDir;
    }

    public int port() {
        return port;
    }

    public String bootstrapServers() {
        return Ports.LOOPBACK + ":" + port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Formats (first time only) and starts a broker, and waits until it answers. */
    public static KafkaBroker start(Path workDir, int port, int controllerPort, Path libs) {
        try {
            Files.createDirectories(workDir);
            Path dataDir = workDir.resolve("kraft-data");
            Path config = workDir.resolve("server.properties");
            Path logFile = workDir.resolve("kafka.log");
            Files.writeString(config, serverProperties(port, controllerPort, dataDir), StandardCharsets.UTF_8);
            String classpath = JavaProcess.classpath(libs, ParentWatchdog.jar());
            // the JVM options of Kafka's own launcher (kafka-run-class.sh: KAFKA_JVM_PERFORMANCE_OPTS, and its GC
            // log); without MaxGCPauseMillis=20 G1 aims at 200 ms pauses, and every client waits through them. A fixed
            // heap, as Kafka's launcher gives it (-Xms = -Xmx), with a floor under the young generation: on two shared
            // cores G1's 20 ms goal shrank it to 10 to 50 MiB, and the broker stopped every 1 to 5 s, for 6 to 62 ms
            // each time (its GC log during the notary benchmark's latency phase), every client of both topics with it
            List<String> jvm = List.of("-Xms768m", "-Xmx768m", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20",
                    "-XX:+UnlockExperimentalVMOptions", "-XX:G1NewSizePercent=30",
                    "-XX:InitiatingHeapOccupancyPercent=35", "-XX:+ExplicitGCInvokesConcurrent", "-XX:MaxInlineLevel=15",
                    "-Djava.awt.headless=true",
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=info", "-Dorg.slf4j.simpleLogger.showDateTime=true",
                    "-cp", classpath);
            if (!Files.exists(dataDir.resolve("meta.properties"))) {
                JavaProcess format = JavaProcess.start("kafka-storage-format", jvm,
                        List.of("kafka.tools.StorageTool", "format", "--ignore-formatted", "-t", clusterId(), "-c", config.toString()),
                        Map.of(), workDir, logFile);
                if (!format.process().waitFor(120, TimeUnit.SECONDS) || format.process().exitValue() != 0) {
                    format.kill();
                    throw new IllegalStateException("formatting the KRaft storage failed; see " + logFile);
                }
            }
            List<String> server = new ArrayList<>(jvm);
            server.add(0, "-Xlog:gc*:file=\"" + workDir.resolve("kafka-gc.log") + "\":time,tags:filecount=2,filesize=20M");
            JavaProcess process = JavaProcess.start("kafka", server, List.of(ParentWatchdog.class.getName(),
                    Long.toString(ProcessHandle.current().pid()), "kafka.Kafka", config.toString()), Map.of(), workDir, logFile);
            KafkaBroker broker = new KafkaBroker(process.process(), logFile, port, dataDir);
            broker.awaitReady(Duration.ofSeconds(120));
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting Kafka", e);
        }
    }

    public static Path defaultLibs() {
        String configured = System.getProperty(LIBS_PROPERTY);
        if (configured != null) {
            return Path.of(configured);
        }
        return Layout.repositoryRoot().resolve("deploy/target/lib");
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            if (!isAlive()) {
                throw new IllegalStateException("Kafka exited during start-up; see " + logFile());
            }
            if (Ports.answers(Ports.LOOPBACK, port, 500)) {
                try (Admin admin = admin()) {
                    admin.describeCluster().nodes().get(10, TimeUnit.SECONDS);
                    return;
                } catch (Exception e) {
                    last = e;
                }
            }
            sleep(250);
        }
        kill();
        throw new IllegalStateException("Kafka did not become ready in " + timeout + "; see " + logFile(), last);
    }

    public Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000);
        return Admin.create(props);
    }

    /** Creates topics (name to partition count) unless they exist. */
    public void createTopics(Map<String, Integer> topics) {
        try (Admin admin = admin()) {
            List<NewTopic> newTopics = topics.entrySet().stream()
                    .map(e -> new NewTopic(e.getKey(), e.getValue(), (short) 1)).toList();
            admin.createTopics(newTopics).values().forEach((name, future) -> {
                try {
                    future.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + name, e.getCause());
                    }
                } catch (Exception e) {
                    throw new IllegalStateException("cannot create topic " + name, e);
                }
            });
        }
    }

    static String serverProperties(int port, int controllerPort, Path dataDir) {
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + dataDir,
                "num.partitions=1",
                "default.replication.factor=1",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=4",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=true",
                // the ledger's source topics are never deleted by retention
                "log.retention.ms=-1",
                "log.retention.bytes=-1",
                // fsync each partition's log every second: left to the kernel, the log's pages were written back
                // 30 s after they were dirtied, 150-330 MB at once with the notary benchmark's load, and the
                // database's WAL flush on the same disk waited up to ~200 ms behind them (the notary's README,
                // "Disk"); a broker on disks of its own does not need this, one sharing them does
                "log.flush.interval.ms=" + FLUSH_EVERY_MS,
                "log.flush.scheduler.interval.ms=" + FLUSH_EVERY_MS,
                "") ;
    }

    /** A random cluster id in Kafka's form; like Kafka's own, never starting with '-' (it would read as an option). */
    static String clusterId() {
        while (true) {
            UUID uuid = UUID.randomUUID();
            ByteBuffer buffer = ByteBuffer.allocate(16);
            buffer.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
            String id = Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
            if (!id.startsWith("-")) {
                return id;
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
