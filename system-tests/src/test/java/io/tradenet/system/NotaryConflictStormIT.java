package io.tradenet.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.tradenet.contract.crypto.Hashing;
import io.tradenet.contract.json.Json;
import io.tradenet.contract.ledger.LedgerEntry;
import io.tradenet.contract.notary.NotarisationOutcome;
import io.tradenet.contract.notary.NotarisationRequest;
import io.tradenet.contract.notary.StateConflict;
import io.tradenet.contract.party.DemoNetwork;
import io.tradenet.contract.tx.StateRef;
import io.tradenet.contract.tx.TimeWindow;
import io.tradenet.contract.tx.TransactionBuilder;
import io.tradenet.contract.tx.WireTransaction;
import io.tradenet.deploy.bench.NotaryKafkaClient;
import io.tradenet.deploy.infra.JavaProcess;
import io.tradenet.deploy.infra.ServiceProcess;
import io.tradenet.deploy.local.HttpJson;
import io.tradenet.deploy.local.LocalNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The conflict storm: three notary members as real processes, 1,100 transactions racing for 100 states
 * through Kafka and REST mixed; one member killed with kill -9 and another paused (SIGSTOP) and resumed
 * mid-run; then the whole cluster restarted and every transaction submitted again. Afterwards every
 * state is consumed by exactly one transaction, every re-submission got the same answer as the first
 * time, and the ledger holds exactly the notarised transactions, once each, and verifies.
 */
class NotaryConflictStormIT {

    private static final int STATES = 100;
    private static final int RACING = 1000;
    private static final Duration ROUND_LIMIT = Duration.ofMinutes(5);

    private static LocalNetwork network;

    @BeforeAll
    static void start() {
        network = RunningNetwork.start(3);
    }

    @AfterAll
    static void stop() {
        if (network != null) {
            network.close();
        }
    }

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void noStateIsConsumedTwiceAndEveryRetryGetsTheSameAnswerThroughKillPauseAndFullRestart() throws Exception {
        Random random = new Random(42);
        List<StateRef> states = new ArrayList<>();
        for (int i = 0; i < STATES; i++) {
            states.add(new StateRef(Hashing.hex(Hashing.sha256(("storm-" + System.nanoTime() + "-" + i).getBytes())), 0));
        }
        TimeWindow window = TimeWindow.between(Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofHours(1)));
        List<WireTransaction> txs = new ArrayList<>();
        for (StateRef state : states) {
            txs.add(transaction(List.of(state), window)); // a sure taker for every state
        }
        for (int i = 0; i < RACING; i++) {
            int a = random.nextInt(STATES);
            int b = (a + 1 + random.nextInt(STATES - 1)) % STATES;
            txs.add(transaction(List.of(states.get(a), states.get(b)), window));
        }
        Collections.shuffle(txs, random);

        Map<String, NotaryAnswer> first;
        try (NotaryKafkaClient kafka = new NotaryKafkaClient(network.kafka().bootstrapServers(), network.network().registry())) {
            AtomicInteger progress = new AtomicInteger();
            ExecutorService faults = Executors.newSingleThreadExecutor();
            Future<?> injected = faults.submit(() -> {
                awaitProgress(progress, txs.size() / 5);
                network.notaries().get(0).kill();                // kill -9 mid-run
                awaitProgress(progress, txs.size() / 2);
                ServiceProcess paused = network.notaries().get(1);
                paused.pause();                                  // SIGSTOP ...
                sleep(Duration.ofSeconds(6));
                paused.resume();                                 // ... and SIGCONT
                return null;
            });
            first = round(txs, kafka, progress, 0);
            injected.get(1, TimeUnit.MINUTES);
            faults.shutdownNow();
        }

        // full cluster restart: every member stopped (SIGTERM to all at once), then all started again
        JavaProcess.stopAll(network.notaries());
        for (int i = 0; i < 3; i++) {
            network.replaceNotary(i, network.startNotary(i, network.notaryMembers()));
        }
        for (ServiceProcess member : network.notaries()) {
            member.awaitReady(Duration.ofSeconds(180));
        }

        Map<String, NotaryAnswer> second;
        try (NotaryKafkaClient kafka = new NotaryKafkaClient(network.kafka().bootstrapServers(), network.network().registry())) {
            second = round(txs, kafka, new AtomicInteger(), 1);
        }

        // every re-submission got exactly the first answer
        for (WireTransaction tx : txs) {
            assertThat(second.get(tx.id())).as("answer to %s after the restart", tx.id()).isEqualTo(first.get(tx.id()));
        }
        // only successes and conflicts; each state consumed by exactly one successful transaction
        Map<StateRef, List<String>> consumers = new HashMap<>();
        Set<String> successes = new HashSet<>();
        for (WireTransaction tx : txs) {
            NotaryAnswer answer = first.get(tx.id());
            assertThat(answer.outcome()).isIn("SUCCESS", "CONFLICT");
            if (answer.outcome().equals("SUCCESS")) {
                successes.add(tx.id());
                tx.inputs().forEach(s -> consumers.computeIfAbsent(s, k -> new ArrayList<>()).add(tx.id()));
            }
        }
        for (StateRef state : states) {
            assertThat(consumers.get(state)).as("consumers of %s", state).hasSize(1);
            JsonNode audit = Json.parse(HttpJson.get(network.notaries().get(0).baseUrl() + "/api/spent-states/" + state, network.token(DemoNetwork.REGULATOR)).body());
            assertThat(audit.get("consumingTxId").asText()).isEqualTo(consumers.get(state).get(0));
        }
        // every conflict names a state really consumed by another transaction, by the hash of its id
        for (WireTransaction tx : txs) {
            if (first.get(tx.id()).outcome().equals("CONFLICT")) {
                for (JsonNode c : Json.parse(first.get(tx.id()).detail())) {
                    String winner = consumers.get(StateRef.parse(c.get("stateRef").asText())).get(0);
                    assertThat(c.get("consumingTxHash").asText()).isEqualTo(StateConflict.hashOfTxId(winner));
                }
            }
        }
        // the ledger got every notarised transaction exactly once (the outbox relay covers the killed member)
        String ledger = network.ledger().baseUrl();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2))
                .until(() -> Json.parse(HttpJson.get(ledger + "/api/ledger/verify", network.token(DemoNetwork.REGULATOR)).body()).get("entriesChecked").asLong() >= successes.size());
        Set<String> ledgered = new HashSet<>();
        long size = Json.parse(HttpJson.get(ledger + "/api/ledger/verify", network.token(DemoNetwork.REGULATOR)).body()).get("entriesChecked").asLong();
        for (long from = 0; from < size; from += LedgerEntry.MAX_PAGE) {
            for (JsonNode e : Json.parse(HttpJson.get(ledger + "/api/ledger/entries?from=" + from + "&limit=" + LedgerEntry.MAX_PAGE, network.token(DemoNetwork.REGULATOR)).body())) {
                assertThat(ledgered.add(Json.bind(e, LedgerEntry.class).txId())).as("duplicate ledger entry").isTrue();
            }
        }
        assertThat(ledgered).containsExactlyInAnyOrderElementsOf(successes);
        assertThat(Json.parse(HttpJson.get(ledger + "/api/ledger/verify", network.token(DemoNetwork.REGULATOR)).body()).get("ok").asBoolean()).isTrue();
    }

    /** Submits every transaction until it gets a permanent answer; even positions over REST, odd over Kafka. */
    private static Map<String, NotaryAnswer> round(List<WireTransaction> txs, NotaryKafkaClient kafka, AtomicInteger progress, int shift)
            throws Exception {
        Map<String, NotaryAnswer> answers = new ConcurrentHashMap<>();
        ExecutorService clients = Executors.newFixedThreadPool(24);
        long deadline = System.nanoTime() + ROUND_LIMIT.toNanos();
        List<Future<?>> work = new ArrayList<>();
        for (int i = 0; i < txs.size(); i++) {
            WireTransaction tx = txs.get(i);
            boolean rest = (i + shift) % 2 == 0;
            int member = i % 3;
            work.add(clients.submit(() -> {
                NotaryAnswer answer = untilPermanent(tx, rest, member, kafka, deadline);
                answers.put(tx.id(), answer);
                progress.incrementAndGet();
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get(ROUND_LIMIT.toMinutes() + 1, TimeUnit.MINUTES);
        }
        clients.shutdownNow();
        return answers;
    }

    private static NotaryAnswer untilPermanent(WireTransaction tx, boolean rest, int member, NotaryKafkaClient kafka, long deadline) {
        NotarisationRequest request = NotarisationRequest.of(tx, DemoNetwork.ISSUING_BANK);
        int attempt = 0;
        while (System.nanoTime() < deadline) {
            NotaryAnswer answer = rest ? viaRest(request, (member + attempt) % 3) : viaKafka(request, kafka);
            if (answer != null && answer.permanent()) {
                return answer;
            }
            attempt++;
            sleep(Duration.ofMillis(200L * Math.min(attempt, 10)));
        }
        throw new AssertionError("no permanent answer for " + tx.id() + " within " + ROUND_LIMIT);
    }

    private static NotaryAnswer viaRest(NotarisationRequest request, int member) {
        ServiceProcess notary = network.notaries().get(member);
        try {
            HttpJson.Reply reply = HttpJson.postWithTimeout(notary.baseUrl() + "/api/notarisations", Json.write(request), network.token(request.requester()), Duration.ofSeconds(5));
            return switch (reply.status()) {
                case 200 -> NotaryAnswer.of(Json.read(reply.body(), NotarisationOutcome.class));
                case 409 -> NotaryAnswer.of(new NotarisationOutcome.Conflict(request.txId(),
                        Json.mapper().convertValue(Json.parse(reply.body()).get("conflicts"),
                                Json.mapper().getTypeFactory().constructCollectionType(List.class, StateConflict.class))));
                case 422 -> new NotaryAnswer(Json.parse(reply.body()).get("type").asText(), "");
                default -> null;
            };
        } catch (RuntimeException e) {
            return null; // member down or paused: try again, elsewhere
        }
    }

    private static NotaryAnswer viaKafka(NotarisationRequest request, NotaryKafkaClient kafka) {
        try {
            return NotaryAnswer.of(kafka.send(request, network.network().key(DemoNetwork.GATEWAY)).get(20, TimeUnit.SECONDS).outcome());
        } catch (Exception e) {
            return null;
        }
    }

    private static WireTransaction transaction(List<StateRef> inputs, TimeWindow window) {
        return TransactionBuilder.forNotary(DemoNetwork.NOTARY).consume(inputs).timeWindow(window)
                .output("Token", List.of(DemoNetwork.ISSUING_BANK), JsonNodeFactory.instance.objectNode().put("storm", true))
                .signedBy(network.network().key(DemoNetwork.ISSUING_BANK), "Move", null);
    }

    private static void awaitProgress(AtomicInteger progress, int target) {
        while (progress.get() < target) {
            sleep(Duration.ofMillis(50));
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
