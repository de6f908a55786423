package io.tradenet.deploy.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.tradenet.contract.checkpoint.Checkpoint;
import io.tradenet.contract.crypto.SigningKey;
import io.tradenet.contract.envelope.Envelope;
import io.tradenet.contract.envelope.Envelopes;
import io.tradenet.contract.json.CanonicalJson;
import io.tradenet.contract.json.Json;
import io.tradenet.contract.ledger.InclusionProof;
import io.tradenet.contract.ledger.LedgerEntry;
import io.tradenet.contract.ledger.LogVerifier;
import io.tradenet.contract.ledger.VerificationReport;
import io.tradenet.contract.messaging.Topics;
import io.tradenet.contract.notary.NotarisedBatch;
import io.tradenet.contract.notary.NotarisedTransaction;
import io.tradenet.contract.notary.NotarySignature;
import io.tradenet.contract.notary.NotarySignatures;
import io.tradenet.contract.party.DemoNetwork;
import io.tradenet.contract.tx.SignedInstruction;
import io.tradenet.contract.tx.TimeWindow;
import io.tradenet.contract.tx.TransactionBuilder;
import io.tradenet.contract.tx.TransactionState;
import io.tradenet.contract.tx.WireTransaction;
import io.tradenet.deploy.infra.Postgres;
import io.tradenet.deploy.local.HttpJson;
import io.tradenet.deploy.local.LocalNetwork;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ledger benchmark: a fresh Kafka and PostgreSQL, {@code entries} notarised transactions (real notary
 * batch signatures, 200 per batch) put on the ledger's topic, then the ledger started against that
 * backlog. Measures the durable append rate (after the first {@code warmUp} entries, while the JITs compile
 * the append path; and from start-up) until the signed checkpoint covers every entry, the time
 * from receiving a transaction to its inclusion in a signed checkpoint (p99, the ledger's own timer),
 * inclusion-proof latency over HTTP at that size, and the offline verifier over the exported log.
 */
public final class LedgerBench {

    /** One run's figures. */
    public record Result(double appendsPerSecond, double appendsFromStartPerSecond, double integrateP99Millis, double inclusionP99Millis, double inclusionServerP99Millis,
                         long entries, double verifierSeconds) {
    }

    private static final int PER_BATCH = NotarisedBatch.MAX_TRANSACTIONS;
    private static final int PROOFS = 2000;
    private static final Duration PROOF_WARM_UP = Duration.ofSeconds(30);

    private final long entries;
    private final long warmUp;
    private final PrintStream log;

    /** {@code warmUp}: how many of the {@code entries} are appended before the append rate is measured. */
    public LedgerBench(long entries, long warmUp, PrintStream log) {
        if (warmUp < 0 || warmUp >= entries) {
            throw new IllegalArgumentException("the warm-up must be fewer than the " + entries + " entries");
        }
        this.entries = entries;
        this.warmUp = warmUp;
        this.log = log;
    }

    public Result run() throws Exception {
        if (!Postgres.isAvailable()) {
            throw new IllegalStateException("the ledger benchmark needs PostgreSQL on 127.0.0.1:5432");
        }
        return BenchWorkDir.run("tradenet-ledger-bench", log, this::run);
    }

    private Result run(Path work) throws Exception {
        LocalNetwork.Options options = LocalNetwork.Options.freePorts(work, 1, "tradenet_bench_" + Long.toHexString(System.nanoTime()))
                .withDatabase(LocalNetwork.DatabaseMode.POSTGRES).withServices(Set.of());
        try (LocalNetwork network = LocalNetwork.start(options, log)) {
            fill(network);
            long started = System.nanoTime();
            network.replaceLedger(network.startLedger());
            network.ledger().awaitReady(Duration.ofSeconds(180));
            String ledger = network.ledger().baseUrl();
            long ready = System.nanoTime();
            // the first warmUp entries of the backlog are appended while the JITs compile the append path; the
            // rate is measured over the rest, from the first checkpoint past the warm-up to the one covering every entry
            Checkpoint checkpoint;
            Checkpoint warm = null;
            long warmAt = ready;
            CpuUse cpuAtWarm = null;
            while (true) {
                checkpoint = LogVerifier.verifyCheckpoint(HttpJson.get(ledger + "/api/ledger/checkpoint", null).body(), network.network().registry());
                if (warm == null && checkpoint.size() >= warmUp) {
                    warm = checkpoint;
                    warmAt = System.nanoTime();
                    cpuAtWarm = CpuUse.now(network.ledger());
                }
                if (checkpoint.size() >= entries) {
                    break;
                }
                Thread.sleep(200);
            }
            long done = System.nanoTime();
            CpuUse cpuAtDone = CpuUse.now(network.ledger());
            if (warm.size() >= entries) {
                throw new IllegalStateException("one checkpoint covered both the warm-up and every entry; measure more --entries");
            }
            double appends = (entries - warm.size()) / ((done - warmAt) / 1e9);
            double fromStart = entries / ((done - ready) / 1e9);
            log.printf("  %d entries appended and checkpointed in %.1f s after start-up (%.1f s): %.0f appends/s from start-up; "
                            + "%.0f appends/s after the first %d (JIT warm-up, %.1f s)%n", entries, (done - ready) / 1e9, (ready - started) / 1e9,
                    fromStart, appends, warm.size(), (warmAt - ready) / 1e9);
            log.printf("  CPU per entry after the warm-up: %s%n",
                    cpuAtDone.perOperation(cpuAtWarm, checkpoint.size() - warm.size(), "the ledger JVM"));
            double integrateP99 = integrateP99(HttpJson.get(ledger + "/q/metrics", null).body());
            awaitAuditRelay(ledger, entries, ready);
            double proofP99 = proofs(ledger, checkpoint, network.token(DemoNetwork.REGULATOR));
            String metrics = HttpJson.get(ledger + "/q/metrics", null).body();
            double serverP99 = quantileMillis(metrics, PROOF_SERVER_P99);
            log.printf("  the ledger's own timers: computing inclusion proofs p99 %.2f ms (recent ones); the HTTP exchange in the "
                    + "ledger (request in to response written) mean %.2f ms over every proof request since start-up, warm-up and both clients%n",
                    serverP99, meanMillis(metrics, HTTP_PROOFS));
            double verifier = verifyOffline(ledger, checkpoint, network, work);
            return new Result(appends, fromStart, integrateP99, proofP99, serverP99, entries, verifier);
        }
    }

    /** Puts the notarised transactions on the ledger's topic, as the notary would (signed batches). */
    private void fill(LocalNetwork network) throws Exception {
        SigningKey notary = network.network().key(DemoNetwork.NOTARY);
        SigningKey bank = network.network().key(DemoNetwork.ISSUING_BANK);
        TimeWindow window = TimeWindow.between(Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(1)));
        // one signed issuance instruction; each transaction differs by its output, so every id is unique
        WireTransaction template = TransactionBuilder.forNotary(DemoNetwork.NOTARY).timeWindow(window)
                .output("Token", List.of(DemoNetwork.ISSUING_BANK), JsonNodeFactory.instance.objectNode().put("n", 0))
                .signedBy(bank, "Issue", null);
        SignedInstruction instruction = template.commands().get(0);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, network.kafka().bootstrapServers());
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 1 << 20);
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 << 20);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        long started = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (long first = 0; first < entries; first += PER_BATCH) {
                int count = (int) Math.min(PER_BATCH, entries - first);
                List<WireTransaction> txs = new ArrayList<>(count);
                List<String> ids = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    WireTransaction tx = new WireTransaction(DemoNetwork.NOTARY, List.of(), List.of(),
                            List.of(new TransactionState("Token", List.of(DemoNetwork.ISSUING_BANK),
                                    JsonNodeFactory.instance.objectNode().put("n", first + i))),
                            List.of(instruction), window);
                    txs.add(tx);
                    ids.add(tx.id());
                }
                List<NotarySignature> signatures = NotarySignatures.signBatch(ids, notary, Instant.now());
                List<NotarisedTransaction> batch = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    batch.add(new NotarisedTransaction(ids.get(i), first + i, Json.tree(txs.get(i)), DemoNetwork.ISSUING_BANK, signatures.get(i)));
                }
                Envelope envelope = Envelopes.seal(Topics.TYPE_NOTARISED_TRANSACTIONS, null, new NotarisedBatch(batch), notary);
                ProducerRecord<String, String> record = new ProducerRecord<>(Topics.NOTARISED_TRANSACTIONS, Long.toString(first), envelope.value());
                envelope.headers().forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
                producer.send(record);
            }
            producer.flush();
        }
        log.printf("  put %d notarised transactions on %s in %.1f s%n", entries, Topics.NOTARISED_TRANSACTIONS, (System.nanoTime() - started) / 1e9);
    }

    private static final Pattern RELAY = Pattern.compile("(?m)^tradenet_ledger_audit_relay_position(\\{[^}]*})? ([0-9.eE+-]+)$");

    /** Proofs are measured once the ledger is idle: waits for the Kafka audit relay to catch up and reports how long it took. */
    private void awaitAuditRelay(String ledger, long size, long readyNanos) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = RELAY.matcher(HttpJson.get(ledger + "/q/metrics", null).body());
            if (m.find() && Double.parseDouble(m.group(2)) >= size) {
                log.printf("  audit relay: ledger-audit topic holds all %d entries %.1f s after start-up%n", size,
                        (System.nanoTime() - readyNanos) / 1e9);
                return;
            }
            Thread.sleep(500);
        }
        log.println("  audit relay: still behind after 10 minutes");
    }

    private static final Pattern P99 = Pattern.compile("tradenet_ledger_integration_latency_seconds\\{[^}]*quantile=\"0.99\"[^}]*} ([0-9.eE+-]+)");
    private static final Pattern PROOF_SERVER_P99 =
            Pattern.compile("tradenet_ledger_proof_latency_seconds\\{[^}]*kind=\"inclusion\"[^}]*quantile=\"0.99\"[^}]*} ([0-9.eE+-]+)");

    private static final String HTTP_PROOFS = "http_server_requests_seconds_%s\\{[^}]*uri=\"/api/ledger/proofs/inclusion\"[^}]*} ([0-9.eE+-]+)";

    /** Mean of a Micrometer timer from its _sum and _count, in milliseconds; NaN if absent. */
    static double meanMillis(String metrics, String timerPattern) {
        Matcher sum = Pattern.compile(String.format(timerPattern, "sum")).matcher(metrics);
        Matcher count = Pattern.compile(String.format(timerPattern, "count")).matcher(metrics);
        return sum.find() && count.find() ? Double.parseDouble(sum.group(1)) / Double.parseDouble(count.group(1)) * 1000 : Double.NaN;
    }

    static double integrateP99(String metrics) {
        return quantileMillis(metrics, P99);
    }

    /** A published quantile (in seconds) from the Prometheus text, in milliseconds; NaN if absent. */
    static double quantileMillis(String metrics, Pattern quantile) {
        Matcher m = quantile.matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) * 1000 : Double.NaN;
    }

    /**
     * Inclusion-proof latency as an outside verifier sees it: one blocking HTTP/1.1 client on a kept-alive
     * connection (as curl or most scripts), which is the figure. Each request is followed by the same one
     * through the JDK's asynchronous HttpClient, whose own thread hand-offs were measured to add about
     * 1 ms at p50 and 5 ms at p99 on two shared cores; both are printed.
     */
    private static String proofUrl(String ledger, long index, long treeSize) {
        return ledger + "/api/ledger/proofs/inclusion?index=" + index + "&treeSize=" + treeSize;
    }

    private double proofs(String ledger, Checkpoint checkpoint, String regulator) throws IOException {
        Random random = new Random(7);
        List<Long> latencies = new ArrayList<>(PROOFS);
        List<Long> jdkClient = new ArrayList<>(PROOFS);
        // warm-up by time, not count: 200 requests left the JIT compiling the proof path during the measurement
        // (the ledger's compiler threads took 79% of a core in the first seconds of it), which was the p99
        long warmUpUntil = System.nanoTime() + PROOF_WARM_UP.toNanos();
        int warmUps = 0;
        while (System.nanoTime() < warmUpUntil) {
            long index = (long) (random.nextDouble() * checkpoint.size());
            String url = proofUrl(ledger, index, checkpoint.size());
            blockingGet(url);
            HttpJson.get(url, null);
            warmUps++;
        }
        log.printf("  proof path warmed up for %d s (%d requests per client)%n", PROOF_WARM_UP.toSeconds(), warmUps);
        for (int i = 0; i < PROOFS; i++) {
            long index = (long) (random.nextDouble() * checkpoint.size());
            String url = proofUrl(ledger, index, checkpoint.size());
            long t = System.nanoTime();
            String body = blockingGet(url);
            long took = System.nanoTime() - t;
            long t2 = System.nanoTime();
            HttpJson.Reply jdk = HttpJson.get(url, null);
            long took2 = System.nanoTime() - t2;
            if (jdk.status() != 200) {
                throw new IllegalStateException("inclusion proof (JDK HttpClient): HTTP " + jdk.status() + " " + jdk.body());
            }
            latencies.add(took);
            jdkClient.add(took2);
            if (i % 500 == 0) {
                InclusionProof proof = Json.read(body, InclusionProof.class);
                LedgerEntry entry = Json.read(HttpJson.get(ledger + "/api/ledger/entries/" + index, regulator).body(), LedgerEntry.class);
                LogVerifier.verifyInclusion(entry, proof, checkpoint);
            }
        }
        long[] sorted = Percentiles.sorted(latencies);
        long[] sorted2 = Percentiles.sorted(jdkClient);
        log.printf("  %d inclusion proofs at tree size %d: p50 %.2f ms, p99 %.2f ms (JDK HttpClient: p50 %.2f ms, p99 %.2f ms)%n", PROOFS, checkpoint.size(),
                Percentiles.percentile(sorted, 50), Percentiles.percentile(sorted, 99), Percentiles.percentile(sorted2, 50), Percentiles.percentile(sorted2, 99));
        return Percentiles.percentile(sorted, 99);
    }

    /** One GET on a kept-alive connection, read in the calling thread. */
    private static String blockingGet(String url) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        connection.setConnectTimeout(5000);
        connection.setReadTimeout(30000);
        int status = connection.getResponseCode();
        InputStream stream = status < 400 ? connection.getInputStream() : connection.getErrorStream();
        try (InputStream in = stream != null ? stream : InputStream.nullInputStream()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (status != 200) {
                throw new IllegalStateException("inclusion proof: HTTP " + status + " " + body);
            }
            return body;
        }
    }

    /** Exports the log over the API (not timed), then times the offline verifier over the export. */
    private double verifyOffline(String ledger, Checkpoint checkpoint, LocalNetwork network, Path work) throws Exception {
        Path file = work.resolve("entries.jsonl");
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long from = 0; from < checkpoint.size(); from += LedgerEntry.MAX_PAGE) {
                for (JsonNode node : Json.parse(HttpJson.get(ledger + "/api/ledger/entries?from=" + from + "&limit=" + LedgerEntry.MAX_PAGE, network.token(DemoNetwork.REGULATOR)).body())) {
                    out.write(CanonicalJson.bytes(node.get("document")));
                    out.write('\n');
                }
            }
        }
        long started = System.nanoTime();
        VerificationReport report;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Iterator<byte[]> lines = reader.lines().map(l -> l.getBytes(StandardCharsets.UTF_8)).iterator();
            report = LogVerifier.against(LogVerifier.verifyLeafData(lines), checkpoint);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (!report.ok()) {
            throw new IllegalStateException("offline verification failed: " + report.reason());
        }
        log.printf("  offline verifier: hash chain and tree root of %d entries (%d MB) in %.2f s%n", report.entriesChecked(),
                Files.size(file) >> 20, seconds);
        Files.delete(file);
        return seconds;
    }
}
