package io.tradenet.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.tradenet.contract.checkpoint.Checkpoint;
import io.tradenet.contract.json.Json;
import io.tradenet.contract.ledger.ConsistencyProof;
import io.tradenet.contract.ledger.LedgerEntry;
import io.tradenet.contract.ledger.LogVerifier;
import io.tradenet.contract.ledger.VerificationReport;
import io.tradenet.contract.merkle.MerkleFrontier;
import io.tradenet.contract.notary.NotarisationOutcome;
import io.tradenet.contract.notary.NotarisationRequest;
import io.tradenet.contract.party.DemoNetwork;
import io.tradenet.contract.tx.TransactionBuilder;
import io.tradenet.contract.tx.WireTransaction;
import io.tradenet.deploy.bench.NotaryKafkaClient;
import io.tradenet.deploy.infra.Postgres;
import io.tradenet.deploy.local.HttpJson;
import io.tradenet.deploy.local.LocalNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ledger under faults, as real processes: killed with kill -9 in the middle of a stream of
 * notarised transactions and restarted (no gap, no duplicate, checkpoints before and after consistent),
 * then one stored entry altered directly in PostgreSQL (named by /api/ledger/verify and by the offline
 * verifier).
 */
class LedgerFaultsIT {

    private static final int TRANSACTIONS = 3000;
    private static LocalNetwork network;

    @BeforeAll
    static void start() {
        network = RunningNetwork.start(1);
    }

    @AfterAll
    static void stop() {
        if (network != null) {
            network.close();
        }
    }

    private static String ledger() {
        return network.ledger().baseUrl();
    }

    private static Checkpoint checkpoint() {
        return LogVerifier.verifyCheckpoint(HttpJson.get(ledger() + "/api/ledger/checkpoint", null).body(), network.network().registry());
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void aLedgerKilledMidStreamRestartsWithoutGapOrDuplicateAndItsCheckpointsStayConsistentAndTamperingIsNamed() throws Exception {
        Set<String> notarised = new HashSet<>();
        Checkpoint beforeKill;
        try (NotaryKafkaClient client = new NotaryKafkaClient(network.kafka().bootstrapServers(), network.network().registry())) {
            List<CompletableFuture<NotaryKafkaClient.Timed>> answers = new ArrayList<>();
            for (int i = 0; i < TRANSACTIONS; i++) {
                WireTransaction tx = TransactionBuilder.forNotary(DemoNetwork.NOTARY)
                        .output("Token", List.of(DemoNetwork.ISSUING_BANK), JsonNodeFactory.instance.objectNode().put("n", i))
                        .signedBy(network.network().key(DemoNetwork.ISSUING_BANK), "Issue", null);
                answers.add(client.send(NotarisationRequest.of(tx, DemoNetwork.ISSUING_BANK), network.network().key(DemoNetwork.GATEWAY)));
                if (i == TRANSACTIONS / 3) {
                    await().atMost(Duration.ofMinutes(2)).until(() -> checkpoint().size() > 200);
                    beforeKill = checkpoint();
                    network.ledger().kill();                                    // kill -9 mid-stream
                    network.replaceLedger(network.startLedger());
                    network.ledger().awaitReady(Duration.ofSeconds(180));
                    assertThat(checkpoint().size()).isGreaterThanOrEqualTo(beforeKill.size());
                    verifyConsistency(beforeKill, checkpoint());
                }
            }
            for (CompletableFuture<NotaryKafkaClient.Timed> answer : answers) {
                NotarisationOutcome outcome = answer.get(3, TimeUnit.MINUTES).outcome();
                assertThat(outcome).isInstanceOf(NotarisationOutcome.Success.class);
                notarised.add(outcome.txId());
            }
        }

        await().atMost(Duration.ofMinutes(3)).until(() -> checkpoint().size() >= TRANSACTIONS);
        Checkpoint after = checkpoint();
        assertThat(after.size()).isEqualTo(TRANSACTIONS);
        List<LedgerEntry> entries = entries(after.size());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            assertThat(entries.get(i).index()).as("no gap").isEqualTo(i);
            assertThat(seen.add(entries.get(i).txId())).as("no duplicate at %d", i).isTrue();
        }
        assertThat(seen).isEqualTo(notarised);
        VerificationReport offline = LogVerifier.against(
                LogVerifier.verifyEntries(entries, LedgerEntry.genesisPreviousHash(), new MerkleFrontier()), after);
        assertThat(offline.ok()).as(offline.reason()).isTrue();
        assertThat(Json.parse(HttpJson.get(ledger() + "/api/ledger/verify", regulator()).body()).get("ok").asBoolean()).isTrue();

        // tamper: change one stored entry directly in the database
        long victim = 1234;
        tamper(victim);
        JsonNode verify = Json.parse(HttpJson.get(ledger() + "/api/ledger/verify", regulator()).body());
        assertThat(verify.get("ok").asBoolean()).isFalse();
        assertThat(verify.get("firstFailingIndex").asLong()).isEqualTo(victim);
        VerificationReport tampered = LogVerifier.verifyEntries(entries(after.size()), LedgerEntry.genesisPreviousHash(), new MerkleFrontier());
        assertThat(tampered.ok()).isFalse();
        assertThat(tampered.firstFailingIndex()).isEqualTo(victim);
    }

    private static void verifyConsistency(Checkpoint older, Checkpoint newer) {
        ConsistencyProof proof = Json.read(HttpJson.get(ledger() + "/api/ledger/proofs/consistency?from=" + older.size() + "&to="
                + newer.size(), null).body(), ConsistencyProof.class);
        LogVerifier.verifyConsistency(older, newer, proof);
    }

    private static String regulator() {
        return network.token(DemoNetwork.REGULATOR);
    }

    private static List<LedgerEntry> entries(long size) {
        List<LedgerEntry> out = new ArrayList<>();
        for (long from = 0; from < size; from += LedgerEntry.MAX_PAGE) {
            for (JsonNode node : Json.parse(HttpJson.get(ledger() + "/api/ledger/entries?from=" + from + "&limit=" + LedgerEntry.MAX_PAGE, regulator()).body())) {
                out.add(Json.bind(node, LedgerEntry.class));
            }
        }
        return out;
    }

    /** Rewrites the requester recorded in one entry's stored leaf data, as an insider with database access could. */
    private static void tamper(long index) throws Exception {
        assertThat(network.usesPostgres()).as("the tamper test needs PostgreSQL").isTrue();
        try (Connection c = Postgres.connect(network.options().databasePrefix() + "_ledger")) {
            String data;
            try (PreparedStatement ps = c.prepareStatement("SELECT leaf_data FROM ledger_entry WHERE idx = ?")) {
                ps.setLong(1, index);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    data = rs.getString(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE ledger_entry SET leaf_data = ? WHERE idx = ?")) {
                ps.setString(1, data.replace("\"requester\":\"" + DemoNetwork.ISSUING_BANK + "\"", "\"requester\":\"" + DemoNetwork.APPLICANT + "\""));
                ps.setLong(2, index);
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
        }
    }
}
