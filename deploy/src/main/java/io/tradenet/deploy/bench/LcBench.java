package io.tradenet.deploy.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradenet.contract.checkpoint.Checkpoint;
import io.tradenet.contract.json.Json;
import io.tradenet.contract.ledger.LogVerifier;
import io.tradenet.contract.party.DemoNetwork;
import io.tradenet.contract.trade.Actions;
import io.tradenet.contract.trade.CreditTerms;
import io.tradenet.deploy.demo.DemoCredits;
import io.tradenet.deploy.demo.TradeClient;
import io.tradenet.deploy.infra.Postgres;
import io.tradenet.deploy.local.HttpJson;
import io.tradenet.deploy.local.LocalNetwork;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The letter-of-credit benchmark: the whole network (Kafka, notary, ledger, letter-of-credit service,
 * PostgreSQL) and concurrent parties driving trades through REST: issue, advise, present complying
 * documents, honour. Each operation is one signed instruction answered once notarised; the run ends
 * when the ledger's signed checkpoint covers every operation. Latency is per REST operation.
 * <p>
 * Six JVMs share the machine, and their JIT compilers keep a core busy for minutes after start; the
 * measured part follows a timed warm-up (the same workload, not measured) so that it shows the network
 * as it runs for days, not its first minutes. Throughput is printed every 10 s of both phases, so the
 * warm-up curve is visible.
 */
public final class LcBench {

    /** One run's figures. */
    public record Result(double opsPerSecond, double p50Millis, double p99Millis, int operations, double ledgerLagSeconds) {
    }

    private static final int OPS_PER_TRADE = 4;

    private final int trades;
    private final int concurrency;
    private final Duration warmUp;
    private final PrintStream log;

    public LcBench(int trades, int concurrency, Duration warmUp, PrintStream log) {
        this.trades = trades;
        this.concurrency = concurrency;
        this.warmUp = warmUp;
        this.log = log;
    }

    public Result run() throws Exception {
        if (!Postgres.isAvailable()) {
            throw new IllegalStateException("the letter-of-credit benchmark needs PostgreSQL on 127.0.0.1:5432");
        }
        return BenchWorkDir.run("tradenet-lc-bench", log, this::run);
    }

    private Result run(Path work) throws Exception {
        LocalNetwork.Options options = LocalNetwork.Options.freePorts(work, 1, "tradenet_lcbench_" + Long.toHexString(System.nanoTime()))
                .withDatabase(LocalNetwork.DatabaseMode.POSTGRES);
        try (LocalNetwork network = LocalNetwork.start(options, log)) {
            Driver driver = new Driver(network);
            ExecutorService pool = Executors.newFixedThreadPool(concurrency);
            AtomicInteger done = new AtomicInteger();
            ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor();
            long t0 = System.nanoTime();
            int[] last = {0};
            progress.scheduleAtFixedRate(() -> {
                int now = done.get();
                log.printf("  t=%3.0f s: %d ops/s%n", (System.nanoTime() - t0) / 1e9, (now - last[0]) / 10);
                last[0] = now;
            }, 10, 10, TimeUnit.SECONDS);
            try {
                log.printf("  warm-up: %d s of the same workload, not measured%n", warmUp.toSeconds());
                long warmUntil = System.nanoTime() + warmUp.toNanos();
                runTrades(pool, driver, () -> System.nanoTime() < warmUntil, done, null);
                PlannerStatistics.refreshIfNoAutovacuum(network, log);
                long ledgerBefore = checkpoint(network).size();
                List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
                log.printf("  measuring %d trades%n", trades);
                AtomicInteger started = new AtomicInteger();
                long start = System.nanoTime();
                int ops = runTrades(pool, driver, () -> started.getAndIncrement() < trades, done, latencies);
                double seconds = (System.nanoTime() - start) / 1e9;
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
                progress.shutdownNow();
                pool.shutdownNow();
            }
        }
    }

    private static Checkpoint checkpoint(LocalNetwork network) {
        return LogVerifier.verifyCheckpoint(HttpJson.get(network.ledger().baseUrl() + "/api/ledger/checkpoint", null).body(),
                network.network().registry());
    }

    /** Each client runs trades while {@code more} says so; returns the operations done. */
    private static int runTrades(ExecutorService pool, Driver driver, BooleanSupplier more, AtomicInteger done, List<Long> latencies)
            throws Exception {
        AtomicInteger ops = new AtomicInteger();
        List<Future<?>> workers = new ArrayList<>();
        int threads = ((java.util.concurrent.ThreadPoolExecutor) pool).getCorePoolSize();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                while (more.getAsBoolean()) {
                    int n = driver.trade(latencies);
                    ops.addAndGet(n);
                    done.addAndGet(n);
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
        private final TradeClient client;

        Driver(LocalNetwork network) {
            this.client = new TradeClient(network.network(), network.lc().baseUrl());
        }

        int trade(List<Long> latencies) {
            CreditTerms terms = DemoCredits.machinery(DemoCredits.newReference());
            JsonNode credit = timed(latencies, () -> client.issue(terms));
            credit = timed(latencies, step(credit, Actions.ADVISE_CREDIT, DemoNetwork.ADVISING_BANK, Json.mapper().createObjectNode()));
            credit = timed(latencies, step(credit, Actions.PRESENT_DOCUMENTS, DemoNetwork.BENEFICIARY,
                    TradeClient.presentation(terms, "P1", terms.amount(), null)));
            timed(latencies, step(credit, Actions.HONOUR, DemoNetwork.ISSUING_BANK, Json.mapper().createObjectNode().put("presentation", "P1")));
            return OPS_PER_TRADE;
        }

        private Supplier<HttpJson.Reply> step(JsonNode credit, String action, String signer, ObjectNode body) {
            return () -> client.act(credit, action, signer, body);
        }

        private static JsonNode timed(List<Long> latencies, Supplier<HttpJson.Reply> call) {
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
    }
}
