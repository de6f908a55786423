package io.tradenet.deploy.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.tradenet.contract.crypto.Hashing;
import io.tradenet.contract.crypto.SigningKey;
import io.tradenet.contract.envelope.Envelope;
import io.tradenet.contract.envelope.Envelopes;
import io.tradenet.contract.messaging.Topics;
import io.tradenet.contract.notary.NotarisationOutcome;
import io.tradenet.contract.notary.NotarisationRequest;
import io.tradenet.contract.notary.RequestBatch;
import io.tradenet.contract.party.DemoNetwork;
import io.tradenet.contract.party.NetworkGenerator;
import io.tradenet.contract.tx.StateRef;
import io.tradenet.contract.tx.TimeWindow;
import io.tradenet.contract.tx.TransactionBuilder;
import io.tradenet.contract.tx.WireTransaction;
import io.tradenet.deploy.infra.Postgres;
import io.tradenet.deploy.infra.ServiceProcess;
import io.tradenet.deploy.local.HttpJson;
import io.tradenet.deploy.local.LocalNetwork;

import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The notary benchmark: a fresh network (Kafka, PostgreSQL, N notary members) per run; a requester
 * sends pre-signed requests (each a transaction of k fresh inputs with the bank's signed instruction,
 * in a gateway-signed envelope) over Kafka and reads the answers from the replies topic. Measures
 * throughput at full load, then latency at half the target load (the "p99 at most 50 ms at half
 * that load": 5,000 input states/s with one member, 2,500 with more; or half the measured throughput if
 * that is lower; after {@link #LEAD_IN} of unmeasured load at that rate, for the latency phase's length, a minute
 * by default), then the same full load through the baseline backend (plain PostgreSQL uniqueness table, one
 * database transaction per request).
 */
public final class NotaryBench {

    /** One run's figures. */
    public record Result(double statesPerSecond, double txPerSecond, double p50Millis, double p99Millis, double p999Millis,
                         double maxMillis, double baselineStatesPerSecond, double commitP99Millis) {
    }

    /**
     * The notary's own commit timer (NotaryMetrics.COMMIT_LATENCY: a request entering its queue to the answer
     * handed over, durable) as Prometheus publishes it, with its percentile histogram.
     */
    static final String COMMIT_LATENCY = "tradenet_notary_commit_latency_seconds";
    /**
     * The time each committed batch spent in each step of its database transaction (NotaryMetrics.STORE_LATENCY,
     * tag {@code step}): a disk that stalls shows in {@code commit}, contention between members in {@code lock}.
     */
    static final String STORE_LATENCY = "tradenet_notary_store_latency_seconds";
    /** How old a record of requests was when the notary began on it (NotaryMetrics.REQUEST_AGE): the way there through Kafka. */
    static final String REQUEST_AGE = "tradenet_notary_request_age_seconds";
    static final List<String> STORE_STEPS = List.of("lock", "read", "decide", "write", "commit");
    /** Micrometer's JVM binder: one timer series per collector action and cause, in every Quarkus service. */
    static final String GC_PAUSES = "jvm_gc_pause_seconds";

    private static final int WINDOW = 20_000;
    /** Requests per warm-up round; rounds repeat (each with fresh states) until the warm-up time has passed. */
    private static final int WARM_UP = 10_000;
    /** Unmeasured load at the latency phase's rate before it is measured. */
    private static final Duration LEAD_IN = Duration.ofSeconds(3);
    /** Each warm-up round at full load is followed by this long at the latency phase's rate. */
    private static final Duration PACED_WARM_UP = Duration.ofSeconds(5);

    /** Requests per envelope at full load, as a gateway under load batches them (its envelopes fill up). */
    private static final int REQUESTS_PER_ENVELOPE = 50;

    private final int members;
    private final int transactions;
    private final int inputs;
    private final Duration warmUp;
    private final double latencyStatesPerSecond;
    private final Duration latencyPhase;
    private final Duration gatewayLinger;
    private final PrintStream log;

    /** Half the target throughput for a notary of {@code members} members: where the p99 is measured by default. */
    public static double halfTargetStatesPerSecond(int members) {
        return members == 1 ? 5_000 : 2_500;
    }

    /**
     * {@code latencyPhase}: how long the latency is measured at half load. It has to be long beside what recurs
     * at that load: PostgreSQL's checkpoints (one per ~540 MB of WAL with the server's defaults: about every 70 s
     * at one member's 2,500 transactions/s, every 2 to 3 minutes at three members' 1,250) end with an fsync phase
     * that holds commits for up to ~100 ms. The phase of 20,000 requests before the fifteenth session (8 s with
     * one member) caught the end of a checkpoint begun at full load in two of three runs, so that one stall was 3%
     * of its answers and set its p99; a minute weighs such a stall as often as it recurs. The p99.9 and the
     * slowest answer are printed beside the p99, so that such stalls stay visible.
     * <p>
     * {@code gatewayLinger}: null for the paced phases' default shape, envelopes of {@value #REQUESTS_PER_ENVELOPE}
     * requests each timed from its envelope's send; otherwise they send what a gateway that sends an envelope every
     * linger would at a steady rate (the letter-of-credit gateway did, every 2 ms, until the twentieth session): every
     * linger an envelope of the requests that arrived in it, each timed from its arrival at the gateway (its wait for
     * the envelope included).
     */
    public NotaryBench(int members, int transactions, int inputs, Duration warmUp, double latencyStatesPerSecond, Duration latencyPhase,
                       Duration gatewayLinger, PrintStream log) {
        this.latencyStatesPerSecond = latencyStatesPerSecond;
        this.latencyPhase = latencyPhase;
        this.gatewayLinger = gatewayLinger;
        this.members = members;
        this.transactions = transactions;
        this.inputs = inputs;
        this.warmUp = warmUp;
        this.log = log;
    }

    public Result run() throws Exception {
        if (!Postgres.isAvailable()) {
            throw new IllegalStateException("the notary benchmark needs PostgreSQL on 127.0.0.1:5432 (the baseline is a PostgreSQL table)");
        }
        double[][] measured = BenchWorkDir.run("tradenet-bench", log, work -> {
            try (LocalNetwork network = start("hazelcast", work);
                 NotaryKafkaClient client = new NotaryKafkaClient(network.kafka().bootstrapServers(), network.network().registry())) {
                warmUp(client, network, true);
                PlannerStatistics.refreshIfNoAutovacuum(network, log);
                // prepared before the clock starts: the lead-in below follows the full load directly
                // the paced phases' envelopes are sized for the target rate (with a gateway linger, ceil(rate x linger):
                // the same size at any rate down to about four fifths of it)
                double targetRate = latencyStatesPerSecond / inputs;
                int perEnvelope = perEnvelope(targetRate, gatewayLinger);
                Load load = new Load(network.network(), transactions, REQUESTS_PER_ENVELOPE);
                Load paced = new Load(network.network(), leadIn(targetRate, perEnvelope) + latencyRequests(targetRate, perEnvelope), perEnvelope);
                double[] fullLoad = drive(client, load.take(transactions), 0);
                double rate = Math.min(fullLoad[0] / 2, targetRate);
                if (perEnvelope(rate, gatewayLinger) < perEnvelope) {
                    log.printf(Locale.ROOT, "  at %.0f requests/s a %d ms linger collects %d per envelope; the envelopes hold %d, each sent "
                            + "when its last request has arrived%n", rate, gatewayLinger.toMillis(), perEnvelope(rate, gatewayLinger), perEnvelope);
                }
                // the latency is that of a steady half load: the first seconds at the new rate still carry the
                // full load's aftermath (its garbage collected, its notarised batches published) and are not measured
                log.printf("  lead-in at the latency phase's rate, not measured:%n");
                drive(client, paced.take(leadIn(rate, perEnvelope)), rate);
                log.printf("  latency phase, measured (%d s):%n", latencyPhase.toSeconds());
                String beforeText = metrics(network);
                Optional<Checkpoints> checkpointsBefore = Checkpoints.read();
                int latencyRequests = latencyRequests(rate, perEnvelope);
                WaitSampler waits = WaitSampler.start(network.notaryDatabase());
                WakeupProbe wakeups = WakeupProbe.start();
                double[] latency;
                try {
                    latency = drive(client, paced.take(latencyRequests), rate);
                } finally {
                    wakeups.close();
                    waits.close();
                }
                String checkpoints = Checkpoints.over(checkpointsBefore, Checkpoints.read(), latencyRequests);
                String afterText = metrics(network);
                Gained commit = Gained.of(beforeText, afterText, COMMIT_LATENCY, null, null);
                double commitP99 = commit.millis(99);
                log.printf(Locale.ROOT, "  the notary's own commit timer over that phase (queue to answer handed over; the client's figures "
                        + "also cover Kafka both ways and the client): p50 %.1f ms, p99 %.1f ms%n", commit.millis(50), commitP99);
                Gained age = Gained.of(beforeText, afterText, REQUEST_AGE, null, null);
                log.printf(Locale.ROOT, "  the requests' way there (a record's producer timestamp to the notary beginning on it, wall clock): "
                        + "p50 %.1f ms, p99 %.1f ms%n", age.millis(50), age.millis(99));
                log.printf("  its batches' database transactions over that phase, per step (p50 / p99 / max, ms; max as its histogram "
                        + "bucket's bound): %s%n", storeSteps(beforeText, afterText));
                log.printf("  %s%n", gcPauses(beforeText, afterText));
                log.printf("  %s%n", checkpoints);
                log.printf("  %s%n", waits.summary());
                log.printf("  %s%n", wakeups.summary());
                return new double[][] {fullLoad, latency, {commitP99}};
            }
        });
        double[] full = measured[0];
        double[] latency = measured[1];
        double commitP99 = measured[2][0];
        double baselineTx = BenchWorkDir.run("tradenet-bench", log, work -> {
            try (LocalNetwork network = start("postgres-per-request", work);
                 NotaryKafkaClient client = new NotaryKafkaClient(network.kafka().bootstrapServers(), network.network().registry())) {
                warmUp(client, network, false);
                PlannerStatistics.refreshIfNoAutovacuum(network, log);
                Load load = new Load(network.network(), transactions, REQUESTS_PER_ENVELOPE);
                return drive(client, load.take(transactions), 0)[0];
            }
        });
        return new Result(full[0] * inputs, full[0], latency[1], latency[2], latency[3], latency[4], baselineTx * inputs, commitP99);
    }

    /**
     * The members' stop-the-world collections between two scrapes, from Micrometer's {@code jvm_gc_pause_seconds}
     * (every member, collector and cause): how many and how long in all, so that a tail with no database wait
     * behind it can be checked against the members' pauses (the longest is not in the scrapes: its gauge is a
     * maximum over the last two minutes, not over the phase).
     */
    static String gcPauses(String beforeText, String afterText) {
        double count = Percentiles.total(afterText, GC_PAUSES + "_count") - Percentiles.total(beforeText, GC_PAUSES + "_count");
        double seconds = Percentiles.total(afterText, GC_PAUSES + "_sum") - Percentiles.total(beforeText, GC_PAUSES + "_sum");
        if (Double.isNaN(count) || Double.isNaN(seconds)) {
            return "the members' GC pauses over that phase: not in their metrics (" + GC_PAUSES + ")";
        }
        return String.format(Locale.ROOT, "the members' GC pauses over that phase (%s): %.0f, %.0f ms in all, %.1f ms on average",
                GC_PAUSES, count, seconds * 1000, count > 0 ? seconds * 1000 / count : 0);
    }

    /**
     * Each step of the batches' database transactions between two scrapes, as "lock 0.1 / 0.4 / 1.0, read ...":
     * p50 / p99 / max, the max as the bound of the bucket holding it (an observation beyond the histogram's
     * last finite bound, 10 s, shows as that bound).
     */
    static String storeSteps(String beforeText, String afterText) {
        StringBuilder out = new StringBuilder();
        for (String step : STORE_STEPS) {
            Gained times = Gained.of(beforeText, afterText, STORE_LATENCY, "step", step);
            out.append(String.format(Locale.ROOT, "%s%s %.1f / %.1f / %.1f", out.isEmpty() ? "" : ", ", step,
                    times.millis(50), times.millis(99), times.millis(100)));
        }
        return out.toString();
    }

    /**
     * What a histogram gained between two scrapes: its series whose label {@code label} is {@code value} (all of them
     * when {@code label} is null), summed over every member.
     */
    private record Gained(TreeMap<Double, Double> before, TreeMap<Double, Double> after) {
        static Gained of(String beforeText, String afterText, String name, String label, String value) {
            return new Gained(Percentiles.histogram(beforeText, name, label, value), Percentiles.histogram(afterText, name, label, value));
        }

        /** Its {@code p}-th percentile in milliseconds ({@link Percentiles#percentileMillis}). */
        double millis(double p) {
            return Percentiles.percentileMillis(before, after, p);
        }
    }

    /** Every member's /q/metrics, one after the other (their histograms' buckets add up). */
    private static String metrics(LocalNetwork network) {
        StringBuilder text = new StringBuilder();
        for (ServiceProcess member : network.notaries()) {
            HttpJson.Reply reply = HttpJson.get(member.baseUrl() + "/q/metrics", null);
            if (reply.status() != 200) {
                throw new IllegalStateException(member.name() + " /q/metrics answered " + reply.status());
            }
            text.append(reply.body()).append('\n');
        }
        return text.toString();
    }

    /**
     * The same workload, not measured, until the JIT has compiled the hot paths (rounds of fresh requests).
     * With {@code paced}, each round at full load is followed by {@link #PACED_WARM_UP} at the latency phase's
     * rate: a warm-up at full load alone left the services' code compiled for full polls and large batches, and
     * the first seconds at half load recompiled it (a JIT log of the notary: 274 methods deoptimised and 2,000
     * compilations, of them 208 by C2, in the ten seconds of the measured phase; its compiler threads took a
     * fifth of a core), so that the latency phase measured the compilers, not a steady half load. The paced
     * rounds come on top of the warm-up's time at full load (which the full-load phase needs as before), at
     * half the fastest full-load round so far or the latency phase's rate, whichever is lower, and the warm-up
     * ends with a round at full load, as the phase measured next.
     */
    private void warmUp(NotaryKafkaClient client, LocalNetwork network, boolean paced) throws Exception {
        log.printf("  warm-up: %d s at full load, not measured%s%n", warmUp.toSeconds(),
                paced ? ", each round followed by " + PACED_WARM_UP.toSeconds() + " s at the latency phase's rate" : "");
        long until = System.nanoTime() + warmUp.toNanos();
        double fastest = 0;
        while (true) {
            // the last round is always one at full load, as the phase measured next
            double[] full = drive(client, new Load(network.network(), WARM_UP, REQUESTS_PER_ENVELOPE).take(WARM_UP), 0);
            fastest = Math.max(fastest, full[0]);
            if (System.nanoTime() >= until) {
                return;
            }
            if (paced) {
                // in addition to the warm-up's time at full load, not instead of it
                long started = System.nanoTime();
                double rate = Math.min(fastest / 2, latencyStatesPerSecond / inputs);
                int perEnvelope = perEnvelope(rate, gatewayLinger);
                int requests = envelopes(rate * PACED_WARM_UP.toMillis() / 1000.0, perEnvelope);
                drive(client, new Load(network.network(), requests, perEnvelope).take(requests), rate);
                until += System.nanoTime() - started;
            }
        }
    }

    private LocalNetwork start(String backend, Path work) throws Exception {
        String prefix = "tradenet_bench_" + Long.toHexString(System.nanoTime());
        LocalNetwork.Options options = LocalNetwork.Options.freePorts(work, members, prefix)
                .withDatabase(LocalNetwork.DatabaseMode.POSTGRES).withServices(Set.of(ServiceProcess.NOTARY))
                .withNotaryConfig(Map.of("tradenet.notary.backend", backend, "quarkus.log.level", "WARN"));
        log.println("starting " + members + " notary member(s), backend " + backend);
        return LocalNetwork.start(options, log);
    }

    /**
     * Sends the requests (all at once within a window of outstanding ones, or at {@code rate} per second)
     * and waits for every answer. Returns {tx/s, p50 ms, p99 ms, p99.9 ms, max ms}; every answer must be a Success.
     */
    private double[] drive(NotaryKafkaClient client, List<Request> requests, double rate) throws Exception {
        List<CompletableFuture<NotaryKafkaClient.Timed>> answers = new ArrayList<>();
        List<Long> sentAt = new ArrayList<>();
        Instant started = Instant.now();
        long start = System.nanoTime();
        int sent = 0;
        for (Request r : requests) {
            long[] issued;
            if (rate > 0 && gatewayLinger != null) {
                // the envelope's first request reaches the gateway now; the gateway sends it when its linger ends,
                // with the requests that arrived meanwhile (one every 1/rate), or when the last of them has arrived
                // (envelopes prepared for a higher rate than the phase's hold more than one linger's worth). Each is
                // timed from its arrival, also when this thread sends late: a late send is the requester's wait too.
                issued = arrivals(start + (long) (sent * 1e9 / rate), r.requestIds().size(), rate);
                sleepUntil(gatewaySends(issued, gatewayLinger));
            } else {
                if (rate > 0) {
                    sleepUntil(start + (long) (sent * 1e9 / rate));
                } else {
                    while (client.waiting() > WINDOW) {
                        Thread.sleep(1);
                    }
                }
                issued = new long[r.requestIds().size()];
                Arrays.fill(issued, System.nanoTime());
            }
            answers.addAll(client.send(r.requestIds(), r.key(), r.envelope(), issued));
            long envelopeAt = issued[0] - start;
            r.requestIds().forEach(id -> sentAt.add(envelopeAt));
            sent += r.requestIds().size();
        }
        client.flush();
        List<Long> latencies = new ArrayList<>(answers.size());
        List<Long> replyTransits = new ArrayList<>(answers.size());
        AtomicLong failures = new AtomicLong();
        for (CompletableFuture<NotaryKafkaClient.Timed> answer : answers) {
            NotaryKafkaClient.Timed timed = answer.get(5, TimeUnit.MINUTES);
            if (!(timed.outcome() instanceof NotarisationOutcome.Success)) {
                failures.incrementAndGet();
            }
            latencies.add(timed.nanos());
            if (timed.replyTransitMillis() >= 0) {
                replyTransits.add(timed.replyTransitMillis() * 1_000_000);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " of " + answers.size() + " requests were not notarised");
        }
        long[] sorted = Percentiles.sorted(latencies);
        double txPerSecond = answers.size() / seconds;
        double p50 = Percentiles.percentile(sorted, 50);
        double p99 = Percentiles.percentile(sorted, 99);
        double p999 = Percentiles.percentile(sorted, 99.9);
        double max = Percentiles.percentile(sorted, 100);
        if (rate <= 0) {
            log.printf(Locale.ROOT, "  %d requests in %.2f s: %.0f tx/s, p50 %.1f ms, p99 %.1f ms%n", answers.size(), seconds, txPerSecond, p50, p99);
        } else {
            log.printf(Locale.ROOT, "  %d requests in %.2f s: %.0f tx/s, p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms (at %d/s)%n",
                    answers.size(), seconds, txPerSecond, p50, p99, p999, max, (long) rate);
            log.println("  slowest answers (sent at, after " + started + ": latency): " + slowest(sentAt, latencies, 8));
            long[] transits = Percentiles.sorted(replyTransits);
            log.printf(Locale.ROOT, "  of which the reply's way back (the notary's producer taking it to the client reading it, wall clock): "
                    + "p50 %.0f ms, p99 %.0f ms%n", Percentiles.percentile(transits, 50), Percentiles.percentile(transits, 99));
        }
        return new double[] {txPerSecond, p50, p99, p999, max};
    }

    /**
     * Requests per envelope in the paced phases at {@code rate} requests per second: {@value #REQUESTS_PER_ENVELOPE}, or
     * with a gateway linger those arriving within it (a 2 ms linger, the letter-of-credit gateway's until the twentieth
     * session: 5 at 2,500/s, 3 at 1,250/s), at least 1, at most {@value #REQUESTS_PER_ENVELOPE}.
     */
    static int perEnvelope(double rate, Duration gatewayLinger) {
        if (gatewayLinger == null) {
            return REQUESTS_PER_ENVELOPE;
        }
        double inLinger = Math.ceil(rate * gatewayLinger.toNanos() / 1e9 - 1e-9);
        return (int) Math.max(1, Math.min(REQUESTS_PER_ENVELOPE, inLinger));
    }

    /** Sleeps until {@link System#nanoTime()} reaches {@code nanoTime}; returns at once if it has. */
    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    /** When {@code count} requests arrive at a gateway at {@code rate} per second, the first at {@code first} (nanoseconds). */
    static long[] arrivals(long first, int count, double rate) {
        long[] at = new long[count];
        for (int m = 0; m < count; m++) {
            at[m] = first + (long) (m * 1e9 / rate);
        }
        return at;
    }

    /** When the gateway sends the envelope of requests arriving {@code at}: its linger after the first, or when the last arrived. */
    static long gatewaySends(long[] at, Duration linger) {
        return Math.max(at[0] + linger.toNanos(), at[at.length - 1]);
    }

    /** Requests sent in {@link #LEAD_IN} at {@code rate} per second, whole envelopes of {@code perEnvelope}. */
    private static int leadIn(double rate, int perEnvelope) {
        return envelopes(rate * LEAD_IN.toMillis() / 1000.0, perEnvelope);
    }

    /** Requests sent in the latency phase at {@code rate} per second, whole envelopes of {@code perEnvelope}. */
    private int latencyRequests(double rate, int perEnvelope) {
        return envelopes(rate * latencyPhase.toMillis() / 1000.0, perEnvelope);
    }

    /** At least {@code requests}, rounded up to whole envelopes of {@code perEnvelope}. */
    private static int envelopes(double requests, int perEnvelope) {
        return (int) Math.ceil(requests / perEnvelope) * perEnvelope;
    }

    /**
     * Where the tail is in time: the {@code n} slowest answers, one per distinct send time (an envelope's
     * requests share their fate), as "+seconds after the start: milliseconds". Answers clustered in time
     * point at a pause (GC, a flush) rather than at a steady cost.
     */
    static String slowest(List<Long> sentAtNanos, List<Long> latencyNanos, int n) {
        Map<Long, Long> worstPerSend = new TreeMap<>();
        for (int i = 0; i < latencyNanos.size(); i++) {
            worstPerSend.merge(sentAtNanos.get(i), latencyNanos.get(i), Math::max);
        }
        return worstPerSend.entrySet().stream()
                .sorted(Map.Entry.<Long, Long>comparingByValue().reversed())
                .limit(n)
                .map(e -> String.format(Locale.ROOT, "+%.2f s: %.0f ms", e.getKey() / 1e9, e.getValue() / 1e6))
                .collect(Collectors.joining(", "));
    }

    /** A sealed envelope of requests. */
    private record Request(List<String> requestIds, String key, Envelope envelope) {
    }

    /** Pre-signed requests: each transaction consumes {@code inputs} fresh states, so every one succeeds. */
    private final class Load {
        private final List<Request> requests = new ArrayList<>();
        private final int perEnvelope;
        private int next;

        Load(NetworkGenerator.Network network, int count, int perEnvelope) {
            this.perEnvelope = perEnvelope;
            SecureRandom random = new SecureRandom();
            SigningKey bank = network.key(DemoNetwork.ISSUING_BANK);
            SigningKey gateway = network.key(DemoNetwork.GATEWAY);
            TimeWindow window = TimeWindow.between(Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofHours(2)));
            long started = System.nanoTime();
            List<RequestBatch.Item> pending = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                List<StateRef> states = new ArrayList<>(inputs);
                for (int k = 0; k < inputs; k++) {
                    byte[] id = new byte[32];
                    random.nextBytes(id);
                    states.add(new StateRef(Hashing.hex(id), k));
                }
                WireTransaction tx = TransactionBuilder.forNotary(DemoNetwork.NOTARY).consume(states).timeWindow(window)
                        .output("Token", List.of(DemoNetwork.ISSUING_BANK), JsonNodeFactory.instance.objectNode().put("amount", i))
                        .signedBy(bank, "Move", null);
                pending.add(new RequestBatch.Item(tx.id(), NotarisationRequest.of(tx, DemoNetwork.ISSUING_BANK)));
                if (pending.size() == perEnvelope || i == count - 1) {
                    Envelope envelope = Envelopes.seal(Topics.TYPE_NOTARISATION_REQUESTS, null, new RequestBatch(pending), gateway);
                    requests.add(new Request(pending.stream().map(RequestBatch.Item::id).toList(), pending.get(0).id(), envelope));
                    pending = new ArrayList<>();
                }
            }
            log.printf("  prepared %d signed requests (%d inputs each, %d per envelope) in %.1f s%n", count, inputs, perEnvelope,
                    (System.nanoTime() - started) / 1e9);
        }

        /** The next envelopes holding {@code n} requests ({@code n} a multiple of the envelope size). */
        List<Request> take(int n) {
            int envelopes = (n + perEnvelope - 1) / perEnvelope;
            List<Request> out = requests.subList(next, next + envelopes);
            next += envelopes;
            return out;
        }
    }

}
