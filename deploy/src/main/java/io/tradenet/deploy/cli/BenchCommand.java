package io.tradenet.deploy.cli;

import io.tradenet.deploy.bench.Calibration;
import io.tradenet.deploy.bench.ClientJvm;
import io.tradenet.deploy.bench.LcBench;
import io.tradenet.deploy.bench.LedgerBench;
import io.tradenet.deploy.bench.NotaryBench;
import io.tradenet.deploy.bench.Percentiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code tradenet bench ...}: benchmarks that start their own network and print one summary line. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks (each prints one machine-readable summary line).",
        subcommands = {BenchCommand.Notary.class, BenchCommand.Ledger.class, BenchCommand.Lc.class})
public class BenchCommand {

    @Command(name = "notary", mixinStandardHelpOptions = true,
            description = "Notary throughput and latency through Kafka with request signatures verified, against the "
                    + "per-request PostgreSQL baseline. Prints: notary-bench: states_per_s=.. tx_per_s=.. p50_ms=.. p99_ms=.. "
                    + "members=.. inputs_per_tx=.. baseline_states_per_s=.. p999_ms=.. notary_commit_p99_ms=.. calibration_per_s=.. "
                    + "(medians over the runs; p50/p99/p999 over the latency phase at half load; notary_commit_p99_ms: the notary's own "
                    + "commit timer over that phase, from its histogram, beside p99_ms, which also covers Kafka both ways and the client; "
                    + "calibration: see lc).")
    static class Notary implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--members", defaultValue = "1", description = "Notary members (default ${DEFAULT-VALUE})")
        int members;

        @Option(names = "--transactions", defaultValue = "40000", description = "Transactions at full load per run (default ${DEFAULT-VALUE})")
        int transactions;

        @Option(names = "--inputs", defaultValue = "2", description = "Input states per transaction (default ${DEFAULT-VALUE})")
        int inputs;

        @Option(names = "--warm-up", defaultValue = "60", description = "Seconds of unmeasured load before each backend's measured "
                + "part (JIT warm-up; default ${DEFAULT-VALUE})")
        int warmUpSeconds;

        @Option(names = "--latency-states-per-s", description = "Input states/s at which p50/p99/p99.9 are measured (default: half the "
                + "target, 5000 with one member, 2500 with more; never above half the measured throughput)")
        Double latencyStatesPerSecond;

        @Option(names = "--latency-seconds", defaultValue = "60", description = "Seconds the latency is measured at that load, after a "
                + "3 s lead-in, 1 to 600 (default ${DEFAULT-VALUE}: long beside PostgreSQL's checkpoints, about one every 70 s at "
                + "one member's half load; its requests are prepared in memory beforehand)")
        int latencySeconds;

        @Option(names = "--gateway-linger-ms", description = "Send the paced rounds (of the warm-up, the lead-in, the latency phase) "
                + "as a gateway that sends an envelope every linger would (the letter-of-credit gateway did under load, every 2 ms, "
                + "until its envelopes also went at least 5 ms apart): every linger an envelope of the "
                + "requests that arrived in it, each timed from its arrival; without it, envelopes of 50 requests, each timed from "
                + "its envelope's send")
        Integer gatewayLingerMillis;

        @Option(names = "--runs", defaultValue = "3", description = "Runs; the summary gives medians (default ${DEFAULT-VALUE})")
        int runs;

        /** Measured by the launcher, in a JVM like the other benchmarks' (G1), and passed on to the client JVM (ZGC). */
        @Option(names = "--calibration", hidden = true)
        Double calibrationFromLauncher;

        @Override
        public Integer call() throws Exception {
            if (latencySeconds < 1 || latencySeconds > 600) {
                throw new ParameterException(spec.commandLine(), "--latency-seconds must be 1 to 600, not " + latencySeconds);
            }
            if (gatewayLingerMillis != null && (gatewayLingerMillis < 1 || gatewayLingerMillis > 1000)) {
                throw new ParameterException(spec.commandLine(), "--gateway-linger-ms must be 1 to 1000, not " + gatewayLingerMillis);
            }
            if (!ClientJvm.isCurrent()) {
                double calibration = Calibration.run(System.err);
                List<String> args = new ArrayList<>(List.of("bench", "notary", "--calibration", Double.toString(calibration),
                        "--members", Integer.toString(members),
                        "--transactions", Integer.toString(transactions), "--inputs", Integer.toString(inputs),
                        "--warm-up", Integer.toString(warmUpSeconds), "--latency-seconds", Integer.toString(latencySeconds),
                        "--runs", Integer.toString(runs)));
                if (latencyStatesPerSecond != null) {
                    args.addAll(List.of("--latency-states-per-s", Double.toString(latencyStatesPerSecond)));
                }
                if (gatewayLingerMillis != null) {
                    args.addAll(List.of("--gateway-linger-ms", Integer.toString(gatewayLingerMillis)));
                }
                return ClientJvm.run(args); // answers are timed in the client: not with the JVM defaults' pauses
            }
            double calibration = calibrationFromLauncher != null ? calibrationFromLauncher : Calibration.run(System.err);
            double latencyLoad = latencyStatesPerSecond != null ? latencyStatesPerSecond : NotaryBench.halfTargetStatesPerSecond(members);
            List<NotaryBench.Result> results = new ArrayList<>();
            for (int run = 1; run <= runs; run++) {
                System.err.println("run " + run + " of " + runs);
                NotaryBench.Result r = new NotaryBench(members, transactions, inputs, java.time.Duration.ofSeconds(warmUpSeconds), latencyLoad,
                        java.time.Duration.ofSeconds(latencySeconds),
                        gatewayLingerMillis == null ? null : java.time.Duration.ofMillis(gatewayLingerMillis), System.err).run();
                System.err.printf(Locale.ROOT, "run %d: states_per_s=%.0f tx_per_s=%.0f p50_ms=%.1f p99_ms=%.1f baseline_states_per_s=%.0f "
                        + "p999_ms=%.1f max_ms=%.1f notary_commit_p99_ms=%.1f%n", run, r.statesPerSecond(), r.txPerSecond(), r.p50Millis(),
                        r.p99Millis(), r.baselineStatesPerSecond(), r.p999Millis(), r.maxMillis(), r.commitP99Millis());
                results.add(r);
            }
            System.out.printf(Locale.ROOT, "notary-bench: states_per_s=%.0f tx_per_s=%.0f p50_ms=%.1f p99_ms=%.1f members=%d inputs_per_tx=%d "
                            + "baseline_states_per_s=%.0f p999_ms=%.1f notary_commit_p99_ms=%.1f calibration_per_s=%.0f%n",
                    Percentiles.median(results.stream().map(NotaryBench.Result::statesPerSecond).toList()),
                    Percentiles.median(results.stream().map(NotaryBench.Result::txPerSecond).toList()),
                    Percentiles.median(results.stream().map(NotaryBench.Result::p50Millis).toList()),
                    Percentiles.median(results.stream().map(NotaryBench.Result::p99Millis).toList()),
                    members, inputs,
                    Percentiles.median(results.stream().map(NotaryBench.Result::baselineStatesPerSecond).toList()),
                    Percentiles.median(results.stream().map(NotaryBench.Result::p999Millis).toList()),
                    Percentiles.median(results.stream().map(NotaryBench.Result::commitP99Millis).toList()), calibration);
            return 0;
        }
    }

    @Command(name = "ledger", mixinStandardHelpOptions = true,
            description = "Ledger durable append rate, integration latency, inclusion-proof latency and offline verification. Prints: "
                    + "ledger-bench: appends_per_s=.. integrate_p99_ms=.. inclusion_proof_p99_ms=.. entries=.. verifier_s=.. "
                    + "inclusion_proof_server_p99_ms=.. appends_from_start_per_s=.. calibration_per_s=.. (medians; appends_per_s after "
                    + "the warm-up entries, appends_from_start_per_s over the whole backlog from start-up; server_p99 is the ledger's own "
                    + "timer, without HTTP and the client; calibration: see lc).")
    static class Ledger implements Callable<Integer> {

        @Option(names = "--entries", defaultValue = "1000000", description = "Entries per run (default ${DEFAULT-VALUE})")
        long entries;

        @Option(names = "--warm-up-entries", defaultValue = "200000", description = "The first entries of each run's backlog, appended "
                + "before the append rate is measured (JIT warm-up; default ${DEFAULT-VALUE}, at most half the entries); "
                + "appends_from_start_per_s counts them too")
        long warmUpEntries;

        @Option(names = "--runs", defaultValue = "3", description = "Runs; the summary gives medians (default ${DEFAULT-VALUE})")
        int runs;

        @Override
        public Integer call() throws Exception {
            double calibration = Calibration.run(System.err);
            List<LedgerBench.Result> results = new ArrayList<>();
            for (int run = 1; run <= runs; run++) {
                System.err.println("run " + run + " of " + runs);
                LedgerBench.Result r = new LedgerBench(entries, Math.min(warmUpEntries, entries / 2), System.err).run();
                System.err.printf(Locale.ROOT, "run %d: appends_per_s=%.0f appends_from_start_per_s=%.0f integrate_p99_ms=%.0f inclusion_proof_p99_ms=%.2f verifier_s=%.2f "
                                + "inclusion_proof_server_p99_ms=%.2f%n",
                        run, r.appendsPerSecond(), r.appendsFromStartPerSecond(), r.integrateP99Millis(), r.inclusionP99Millis(), r.verifierSeconds(), r.inclusionServerP99Millis());
                results.add(r);
            }
            System.out.printf(Locale.ROOT, "ledger-bench: appends_per_s=%.0f integrate_p99_ms=%.0f inclusion_proof_p99_ms=%.2f entries=%d verifier_s=%.2f "
                            + "inclusion_proof_server_p99_ms=%.2f appends_from_start_per_s=%.0f calibration_per_s=%.0f%n",
                    Percentiles.median(results.stream().map(LedgerBench.Result::appendsPerSecond).toList()),
                    Percentiles.median(results.stream().map(LedgerBench.Result::integrateP99Millis).toList()),
                    Percentiles.median(results.stream().map(LedgerBench.Result::inclusionP99Millis).toList()),
                    entries,
                    Percentiles.median(results.stream().map(LedgerBench.Result::verifierSeconds).toList()),
                    Percentiles.median(results.stream().map(LedgerBench.Result::inclusionServerP99Millis).toList()),
                    Percentiles.median(results.stream().map(LedgerBench.Result::appendsFromStartPerSecond).toList()), calibration);
            return 0;
        }
    }

    @Command(name = "lc", mixinStandardHelpOptions = true,
            description = "Mixed letter-of-credit workload through the whole network (REST to ledger): issue, advise, present, honour. Prints: "
                    + "lc-bench: ops_per_s=.. p50_ms=.. p99_ms=.. calibration_per_s=.. (medians; calibration_per_s: transactions/s one thread "
                    + "canonicalises, hashes and signature-checks on this machine before the run, to compare figures across days).")
    static class Lc implements Callable<Integer> {

        @Option(names = "--trades", defaultValue = "4000", description = "Measured trades per run, 4 operations each (default ${DEFAULT-VALUE})")
        int trades;

        @Option(names = "--concurrency", defaultValue = "32", description = "Concurrent clients (default ${DEFAULT-VALUE})")
        int concurrency;

        @Option(names = "--warm-up", defaultValue = "180", description = "Seconds of unmeasured workload before each run's measured trades "
                + "(JIT warm-up of six JVMs on two cores; default ${DEFAULT-VALUE})")
        int warmUpSeconds;

        @Option(names = "--runs", defaultValue = "3", description = "Runs; the summary gives medians (default ${DEFAULT-VALUE})")
        int runs;

        @Override
        public Integer call() throws Exception {
            double calibration = Calibration.run(System.err);
            List<LcBench.Result> results = new ArrayList<>();
            for (int run = 1; run <= runs; run++) {
                System.err.println("run " + run + " of " + runs);
                LcBench.Result r = new LcBench(trades, concurrency, java.time.Duration.ofSeconds(warmUpSeconds), System.err).run();
                System.err.printf(Locale.ROOT, "run %d: ops_per_s=%.0f p50_ms=%.1f p99_ms=%.1f ledger_lag_s=%.2f%n", run, r.opsPerSecond(),
                        r.p50Millis(), r.p99Millis(), r.ledgerLagSeconds());
                results.add(r);
            }
            System.out.printf(Locale.ROOT, "lc-bench: ops_per_s=%.0f p50_ms=%.1f p99_ms=%.1f calibration_per_s=%.0f%n",
                    Percentiles.median(results.stream().map(LcBench.Result::opsPerSecond).toList()),
                    Percentiles.median(results.stream().map(LcBench.Result::p50Millis).toList()),
                    Percentiles.median(results.stream().map(LcBench.Result::p99Millis).toList()), calibration);
            return 0;
        }
    }
}
