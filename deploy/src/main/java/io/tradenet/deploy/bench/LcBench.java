package io.tradenet.deploy.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradenet.contract.checkpoint.Checkpoint;
import io.tradenet.contract.json.Json;
import io.tradenet.contract.ledger.LogVerifier;
import io.tradenet.contract.party.DemoNetwork;
import io.tradenet.contract.trade.Actions;
import io.tradenet.contract.trade.CreditTerms;
import io.tradenet.contract.trade.PresentedDocument;
import io.tradenet.contract.tx.Instruction;
import io.tradenet.contract.tx.SignedInstruction;
import io.tradenet.contract.tx.StateRef;
import io.tradenet.contract.tx.TimeWindow;
import io.tradenet.deploy.demo.DemoCredits;
import io.tradenet.deploy.infra.Postgres;
import io.tradenet.deploy.local.HttpJson;
import io.tradenet.deploy.local.LocalNetwork;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The letter-of-credit benchmark: the whole network (Kafka, notary, ledger, letter-of-credit service,
 * PostgreSQL) and concurrent parties driving trades through REST: issue, advise, present complying
 * documents, honour. Each operation is one signed instruction answered once notarised; the run ends
 * when the ledger's signed checkpoint covers every operation. Latency is per REST operation.
 */
public final class LcBench {

    /** One run's figures. */
    public record Result(double opsPerSecond, double p50Millis, double p99Millis, int operations, double ledgerLagSeconds) {
    }

    private static final int OPS_PER_TRADE = 4;

    private final int trades;
    private final int concurrency;
    private final PrintStream log;

    public LcBench(int trades, int concurrency, PrintStream log) {
        this.trades = trades;
        this.concurrency = concurrency;
        this.log = log;
    }

    public Result run() throws Exception {
        if (!Postgres.isAvailable()) {
            throw new IllegalStateException("the letter-of-credit benchmark needs PostgreSQL on 127.0.0.1:5432");
        }
        Path work = Files.createTempDirectory("tradenet-lc-bench");
        LocalNetwork.Options options = LocalNetwork.Options.freePorts(work, 1, "tradenet_lcbench_" + Long.toHexString(System.nanoTime()))
                .withDatabase(LocalNetwork.DatabaseMode.POSTGRES);
        try (LocalNetwork network = LocalNetwork.start(options, log)) {
            Driver driver = new Driver(network);
            ExecutorService pool = Executors.newFixedThreadPool(concurrency);
            try {
                runTrades(pool, driver, Math.max(concurrency, trades / 10), null);           // warm-up, not measured
                long ledgerBefore = checkpoint(network).size();
                List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
                long started = System.nanoTime();
                int ops = runTrades(pool, driver, trades, latencies);
                double seconds = (System.nanoTime() - started) / 1e9;
                long lagStart = System.nanoTime();
                while (checkpoint(network).size() < ledgerBefore + ops) {
                    Thread.sleep(50);
                }
                double lag = (System.nanoTime() - lagStart) / 1e9;
                long[] sorted = Percentiles.sorted(latencies);
                log.printf("  %d operations (%d trades) in %.1f s with %d parties' clients; ledger caught up %.2f s later%n", ops, trades, seconds,
                        concurrency, lag);
                return new Result(ops / seconds, Percentiles.percentile(sorted, 50), Percentiles.percentile(sorted, 99), ops, lag);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static Checkpoint checkpoint(LocalNetwork network) {
        return LogVerifier.verifyCheckpoint(HttpJson.get(network.ledger().baseUrl() + "/api/ledger/checkpoint", null).body(),
                network.network().registry());
    }

    private static int runTrades(ExecutorService pool, Driver driver, int count, List<Long> latencies) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger ops = new AtomicInteger();
        List<Future<?>> workers = new ArrayList<>();
        int threads = ((java.util.concurrent.ThreadPoolExecutor) pool).getCorePoolSize();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                while (next.getAndIncrement() < count) {
                    ops.addAndGet(driver.trade(latencies));
                }
                return null;
            }));
        }
        for (Future<?> w : workers) {
            w.get();
        }
        return ops.get();
    }

    /** One trade's four operations, each signed by its party and sent with its token. */
    private static final class Driver {
        private final LocalNetwork network;
        private final String lc;

        Driver(LocalNetwork network) {
            this.network = network;
            this.lc = network.lc().baseUrl();
        }

        int trade(List<Long> latencies) {
            String reference = DemoCredits.newReference();
            CreditTerms terms = DemoCredits.machinery(reference);
            JsonNode credit = timed(latencies, () -> HttpJson.post(lc + "/api/credits",
                    Json.write(DemoCredits.issuance(terms, network.network().key(DemoNetwork.ISSUING_BANK))), network.token(DemoNetwork.ISSUING_BANK)));
            credit = timed(latencies, step(credit, Actions.ADVISE_CREDIT, DemoNetwork.ADVISING_BANK, Json.mapper().createObjectNode()));
            credit = timed(latencies, step(credit, Actions.PRESENT_DOCUMENTS, DemoNetwork.BENEFICIARY, presentation(terms)));
            timed(latencies, step(credit, Actions.HONOUR, DemoNetwork.ISSUING_BANK, Json.mapper().createObjectNode().put("presentation", "P1")));
            return OPS_PER_TRADE;
        }

        private java.util.function.Supplier<HttpJson.Reply> step(JsonNode credit, String action, String signer, ObjectNode body) {
            return () -> {
                body.put("reference", credit.path("reference").asText());
                Instruction instruction = new Instruction(UUID.randomUUID().toString(), action, signer, DemoNetwork.NOTARY,
                        List.of(StateRef.parse(credit.path("stateRef").asText())), List.of(), TimeWindow.around(Instant.now(), Duration.ofMinutes(10)), body);
                return HttpJson.post(lc + "/api/credits/" + credit.path("reference").asText() + "/actions",
                        Json.write(SignedInstruction.sign(instruction, network.network().key(signer))), network.token(signer));
            };
        }

        private static JsonNode timed(List<Long> latencies, java.util.function.Supplier<HttpJson.Reply> call) {
            long t = System.nanoTime();
            HttpJson.Reply reply = call.get();
            long took = System.nanoTime() - t;
            if (reply.status() != 200 && reply.status() != 201) {
                throw new IllegalStateException("HTTP " + reply.status() + ": " + reply.body());
            }
            if (latencies != null) {
                latencies.add(took);
            }
            return Json.parse(reply.body());
        }

        private static ObjectNode presentation(CreditTerms t) {
            LocalDate shipped = LocalDate.now(ZoneOffset.UTC).minusDays(1);
            String amount = t.amount();
            String insured = new BigDecimal(amount).multiply(new BigDecimal("1.10")).setScale(2, RoundingMode.HALF_UP).toPlainString();
            List<PresentedDocument> docs = List.of(
                    new PresentedDocument(PresentedDocument.COMMERCIAL_INVOICE, "INV-1", t.reference(), "NORDSEE MASCHINENBAU GMBH", t.currency(), amount,
                            t.goods(), shipped, null, null, null, null, null, null, null, null, null),
                    new PresentedDocument(PresentedDocument.BILL_OF_LADING, "BL-1", t.reference(), "OCEANIC LINES SHIPPING CO", null, null,
                            "2 UNITS CNC MILLING CENTRE", shipped, true, true, true, t.portOfLoading(), t.portOfDischarge(), "OCEANIC LINES SHIPPING CO",
                            "MV NORDIC STAR", false, null),
                    new PresentedDocument(PresentedDocument.INSURANCE, "INS-1", t.reference(), "HANSA MARINE", t.currency(), insured, null, shipped,
                            null, null, null, null, null, null, null, null, "INSTITUTE CARGO CLAUSES (A)"),
                    new PresentedDocument(PresentedDocument.PACKING_LIST, "PL-1", t.reference(), null, null, null, null, shipped, null, null, null,
                            null, null, null, null, null, null),
                    new PresentedDocument(PresentedDocument.CERTIFICATE_OF_ORIGIN, "CO-1", t.reference(), "HAMBURG CHAMBER OF COMMERCE", null, null,
                            null, shipped, null, null, null, null, null, null, null, null, null));
            ObjectNode body = Json.mapper().createObjectNode();
            ObjectNode p = body.putObject("presentation");
            p.put("id", "P1");
            p.put("amount", amount);
            p.set("documents", Json.tree(docs));
            return body;
        }
    }
}
