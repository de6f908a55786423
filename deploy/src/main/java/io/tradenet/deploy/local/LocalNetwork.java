package io.tradenet.deploy.local;

import io.tradenet.contract.messaging.Topics;
import io.tradenet.contract.party.DemoNetwork;
import io.tradenet.contract.party.NetworkGenerator;
import io.tradenet.deploy.auth.DevTokens;
import io.tradenet.deploy.infra.JavaProcess;
import io.tradenet.deploy.infra.KafkaBroker;
import io.tradenet.deploy.infra.Ports;
import io.tradenet.deploy.infra.Postgres;
import io.tradenet.deploy.infra.ServiceProcess;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A whole network on one machine, on loopback: a generated registry and keys, a KRaft Kafka broker,
 * the notary (one or more members), the ledger and the letter-of-credit service, each its own process.
 * PostgreSQL when a server answers on 127.0.0.1:5432 (one database per service), otherwise the
 * embedded H2 file database. The local run and the system tests both start it from here.
 */
public final class LocalNetwork implements AutoCloseable {

    /** Which database the services use. */
    public enum DatabaseMode { AUTO, POSTGRES, EMBEDDED }

    /** Where and how to run. Defaults are the documented local ports. */
    public record Options(Path workDir, int kafkaPort, int kafkaControllerPort, int lcPort, List<Integer> notaryPorts, int ledgerPort,
                          int hazelcastBasePort, DatabaseMode database, String databasePrefix, Map<String, String> extraNotaryConfig,
                          Set<String> services, Map<String, String> extraLedgerConfig) {

        /** Service names for {@link #withServices}. */
        public static final Set<String> ALL = Set.of(ServiceProcess.NOTARY, ServiceProcess.LEDGER, ServiceProcess.LC);

        public static Options defaults(Path workDir) {
            return new Options(workDir, 9092, 9093, 8081, List.of(8082), 8083, 5701, DatabaseMode.AUTO, "tradenet_local", Map.of(), ALL, Map.of());
        }

        /** Free loopback ports everywhere, for tests and benchmarks; {@code notaryMembers} notary processes. */
        public static Options freePorts(Path workDir, int notaryMembers, String databasePrefix) {
            List<Integer> notaryPorts = IntStream.range(0, notaryMembers).mapToObj(i -> Ports.free()).toList();
            int hazelcast = 15701 + (int) (ProcessHandle.current().pid() % 400) * 10;
            return new Options(workDir, Ports.free(), Ports.free(), Ports.free(), notaryPorts, Ports.free(), hazelcast,
                    DatabaseMode.AUTO, databasePrefix, Map.of(), ALL, Map.of());
        }

        public Options withDatabase(DatabaseMode mode) {
            return new Options(workDir, kafkaPort, kafkaControllerPort, lcPort, notaryPorts, ledgerPort, hazelcastBasePort, mode,
                    databasePrefix, extraNotaryConfig, services, extraLedgerConfig);
        }

        public Options withNotaryConfig(Map<String, String> config) {
            return new Options(workDir, kafkaPort, kafkaControllerPort, lcPort, notaryPorts, ledgerPort, hazelcastBasePort, database,
                    databasePrefix, config, services, extraLedgerConfig);
        }

        /** Extra configuration for the ledger service (as system properties), e.g. to turn its proof cache off in a test. */
        public Options withLedgerConfig(Map<String, String> config) {
            return new Options(workDir, kafkaPort, kafkaControllerPort, lcPort, notaryPorts, ledgerPort, hazelcastBasePort, database,
                    databasePrefix, extraNotaryConfig, services, Map.copyOf(config));
        }

        /** Only some of the services (benchmarks of one service alone), e.g. {@code Set.of(ServiceProcess.NOTARY)}. */
        public Options withServices(Set<String> only) {
            return new Options(workDir, kafkaPort, kafkaControllerPort, lcPort, notaryPorts, ledgerPort, hazelcastBasePort, database,
                    databasePrefix, extraNotaryConfig, Set.copyOf(only), extraLedgerConfig);
        }
    }

    private final Options options;
    private final PrintStream log;
    private final NetworkGenerator.Network network;
    private final boolean postgres;
    private KafkaBroker kafka;
    private final List<ServiceProcess> notaries = new ArrayList<>();
    private ServiceProcess ledger;
    private ServiceProcess lc;
    private final Map<String, String> tokens = new java.util.concurrent.ConcurrentHashMap<>();

    private LocalNetwork(Options options, PrintStream log, NetworkGenerator.Network network, boolean postgres) {
        this.options = options;
        this.log = log;
        this.network = network;
        this.postgres = postgres;
    }

    /** Starts everything from a clean work directory (and fresh databases) and waits until all are ready. */
    public static LocalNetwork start(Options options, PrintStream log) {
        Path work = options.workDir().toAbsolutePath();
        wipe(work);
        boolean postgres = switch (options.database()) {
            case POSTGRES -> true;
            case EMBEDDED -> false;
            case AUTO -> Postgres.isAvailable();
        };
        NetworkGenerator.Network network = NetworkGenerator.generate(work.resolve("network"), DemoNetwork.NAME, DemoNetwork.parties());
        log.println("network: " + network.registry().parties().size() + " parties, registry " + network.registryFile());
        LocalNetwork local = new LocalNetwork(options, log, network, postgres);
        try {
            local.startAll();
        } catch (RuntimeException e) {
            local.close();
            throw e;
        }
        return local;
    }

    private void startAll() {
        Path work = options.workDir().toAbsolutePath();
        requireFree(options.kafkaPort(), "Kafka");
        requireFree(options.lcPort(), "letter-of-credit-service");
        requireFree(options.ledgerPort(), "ledger-service");
        options.notaryPorts().forEach(p -> requireFree(p, "notary-service"));

        log.println("kafka: starting a KRaft broker on 127.0.0.1:" + options.kafkaPort());
        kafka = KafkaBroker.start(work.resolve("kafka"), options.kafkaPort(), options.kafkaControllerPort(), KafkaBroker.defaultLibs());
        kafka.createTopics(topics(options.notaryPorts().size()));

        if (postgres) {
            for (String database : databases()) {
                Postgres.dropDatabase(database);
                Postgres.createDatabase(database);
            }
            log.println("database: PostgreSQL on 127.0.0.1:5432, databases " + String.join(", ", databases()));
        } else {
            log.println("database: no PostgreSQL server answers; embedded H2 files under " + work.resolve("data"));
        }

        String members = IntStream.range(0, options.notaryPorts().size())
                .mapToObj(i -> "127.0.0.1:" + (options.hazelcastBasePort() + i)).collect(Collectors.joining(","));
        if (options.services().contains(ServiceProcess.NOTARY)) {
            for (int i = 0; i < options.notaryPorts().size(); i++) {
                notaries.add(startNotary(i, members));
            }
        }
        if (options.services().contains(ServiceProcess.LEDGER)) {
            ledger = startLedger();
        }
        if (options.services().contains(ServiceProcess.LC)) {
            lc = ServiceProcess.start(ServiceProcess.LC, "letter-of-credit-service", options.lcPort(),
                    config("lc", DemoNetwork.GATEWAY), work, work.resolve("letter-of-credit-service.log"), ServiceProcess.Jvm.LC);
        }
        for (ServiceProcess service : services()) {
            service.awaitReady(Duration.ofSeconds(180));
            log.println(service.name() + ": ready on " + service.baseUrl() + " (pid " + service.pid() + ", log " + service.logFile() + ")");
        }
    }

    /** Starts (or restarts) notary member {@code i}. */
    public ServiceProcess startNotary(int i, String members) {
        Path work = options.workDir().toAbsolutePath();
        Map<String, String> config = config("notary", DemoNetwork.NOTARY);
        config.put("tradenet.notary.hazelcast.port", Integer.toString(options.hazelcastBasePort() + i));
        config.put("tradenet.notary.hazelcast.members", members);
        config.putAll(options.extraNotaryConfig());
        String name = options.notaryPorts().size() == 1 ? "notary-service" : "notary-service-" + (i + 1);
        return ServiceProcess.start(ServiceProcess.NOTARY, name, options.notaryPorts().get(i), config, work,
                work.resolve(name + ".log"), ServiceProcess.Jvm.NOTARY);
    }

    public String notaryMembers() {
        return IntStream.range(0, options.notaryPorts().size())
                .mapToObj(i -> "127.0.0.1:" + (options.hazelcastBasePort() + i)).collect(Collectors.joining(","));
    }

    private Map<String, String> config(String service, String party) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.http.host", "127.0.0.1");
        config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        config.put("tradenet.network.registry-file", network.registryFile().toString());
        config.put("tradenet.network.key-file", network.keyFile(party).toString());
        config.put("mp.jwt.verify.publickey.location", network.tokenIssuerPublicKeyFile().toUri().toString());
        if (postgres) {
            String suffix = service.equals("lc") ? "" : "?reWriteBatchedInserts=true";
            config.put("quarkus.datasource.pg.jdbc.url", Postgres.jdbcUrl(database(service)) + suffix);
        } else {
            config.put("quarkus.profile", "embedded");
            config.put("quarkus.datasource.h2.jdbc.url", "jdbc:h2:file:" + options.workDir().toAbsolutePath().resolve("data").resolve(service)
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");
        }
        return config;
    }

    /** The services' PostgreSQL databases (none with the embedded databases). */
    public List<String> databases() {
        return postgres ? List.of(database("notary"), database("ledger"), database("lc")) : List.of();
    }

    /** The notary members' PostgreSQL database, when the network uses PostgreSQL. */
    public String notaryDatabase() {
        return database("notary");
    }

    private String database(String service) {
        return options.databasePrefix() + "_" + service;
    }

    public static Map<String, Integer> topics(int notaryMembers) {
        Map<String, Integer> topics = new LinkedHashMap<>();
        topics.put(Topics.NOTARY_REQUESTS, Math.max(6, notaryMembers * 2));
        topics.put(Topics.NOTARY_REPLIES, 3);
        // one partition: the ledger's source and its audit stream keep one total order
        topics.put(Topics.NOTARISED_TRANSACTIONS, 1);
        topics.put(Topics.LEDGER_AUDIT, 1);
        topics.put(Topics.NOTARY_REQUESTS_DLQ, 1);
        topics.put(Topics.NOTARY_REPLIES_DLQ, 1);
        topics.put(Topics.NOTARISED_TRANSACTIONS_DLQ, 1);
        return topics;
    }

    /** A development bearer token for a demo party (with its registry roles), valid for a day. */
    public String token(String party) {
        return tokens.computeIfAbsent(party, p -> DevTokens.mint(network, p, Duration.ofDays(1)));
    }

    public NetworkGenerator.Network network() {
        return network;
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    public List<ServiceProcess> notaries() {
        return notaries;
    }

    public void replaceNotary(int i, ServiceProcess process) {
        notaries.set(i, process);
    }

    public ServiceProcess ledger() {
        return ledger;
    }

    public void replaceLedger(ServiceProcess process) {
        ledger = process;
    }

    /** Starts (or restarts) the ledger service against the same database. */
    public ServiceProcess startLedger() {
        Path work = options.workDir().toAbsolutePath();
        Map<String, String> config = config("ledger", DemoNetwork.LEDGER);
        config.putAll(options.extraLedgerConfig());
        return ServiceProcess.start(ServiceProcess.LEDGER, "ledger-service", options.ledgerPort(), config,
                work, work.resolve("ledger-service.log"), ServiceProcess.Jvm.LEDGER);
    }

    public ServiceProcess lc() {
        return lc;
    }

    public boolean usesPostgres() {
        return postgres;
    }

    public Options options() {
        return options;
    }

    public List<ServiceProcess> services() {
        List<ServiceProcess> all = new ArrayList<>(notaries);
        if (ledger != null) {
            all.add(ledger);
        }
        if (lc != null) {
            all.add(lc);
        }
        return all;
    }

    /** Stops everything this network started, services first, then Kafka, each by its own pid. */
    @Override
    public void close() {
        List<JavaProcess> all = new ArrayList<>();
        if (lc != null) {
            all.add(lc);
        }
        if (ledger != null) {
            all.add(ledger);
        }
        all.addAll(notaries);
        JavaProcess.stopAll(all);
        if (kafka != null) {
            kafka.stop();
        }
        if (postgres && !options.databasePrefix().equals("tradenet_local")) {
            for (String database : databases()) {
                try {
                    Postgres.dropDatabase(database);
                } catch (RuntimeException ignored) {
                    // best effort
                }
            }
        }
    }

    private static void requireFree(int port, String what) {
        if (Ports.answers(Ports.LOOPBACK, port, 300)) {
            throw new IllegalStateException("port " + port + " (" + what + ") is already in use on 127.0.0.1; stop what uses it or "
                    + "choose other ports");
        }
    }

    private static void wipe(Path dir) {
        deleteTree(dir);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a directory and everything in it (nothing if it does not exist). */
    public static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
