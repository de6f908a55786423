package io.tradenet.deploy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradenet.contract.checkpoint.Checkpoint;
import io.tradenet.contract.crypto.Hashing;
import io.tradenet.contract.json.Json;
import io.tradenet.contract.ledger.AuditEvent;
import io.tradenet.contract.ledger.InclusionProof;
import io.tradenet.contract.ledger.LedgerEntry;
import io.tradenet.contract.ledger.LogVerifier;
import io.tradenet.contract.ledger.VerificationReport;
import io.tradenet.deploy.local.EventStream;
import io.tradenet.deploy.local.HttpJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code tradenet audit tail}: a regulator's (or any party's) live view of the ledger, each entry checked
 * as it arrives without trusting the ledger service: the checkpoint the event carries is signed by the
 * registry's ledger key, the entry's document hashes to its leaf and links to the entry before it, an
 * inclusion proof puts the leaf in the checkpoint's tree, and the notary's signature on the transaction
 * verifies. One line per entry: VERIFIED or FAILED with the reason.
 */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Follow the ledger's audit stream, verifying every entry.",
        subcommands = {AuditCommand.Tail.class})
public class AuditCommand {

    @Command(name = "tail", mixinStandardHelpOptions = true,
            description = "Subscribe to /api/audit/stream from an index and print one line per entry, VERIFIED or FAILED (exit 1 if any "
                    + "failed or --count was not reached). Stops after --count entries, after --timeout, or on Ctrl-C.")
    static class Tail extends PartyCommand {

        @Option(names = "--ledger", defaultValue = "${env:TRADENET_LEDGER:-http://127.0.0.1:8083}",
                description = "Ledger service URL (default: $TRADENET_LEDGER or ${DEFAULT-VALUE})")
        String ledger;

        @Option(names = "--from", defaultValue = "0", description = "First entry index (default ${DEFAULT-VALUE})")
        long from;

        @Option(names = "--count", description = "Stop after this many entries")
        Integer count;

        @Option(names = "--timeout", description = "Stop after this long (ISO-8601, e.g. PT30S)")
        Duration timeout;

        private final Map<String, Checkpoint> checkpoints = new HashMap<>();
        private long lastIndex = -1;
        private byte[] lastLeaf;

        @Override
        protected int run() {
            int seen = 0;
            int failed = 0;
            try (EventStream stream = EventStream.open(ledger + "/api/audit/stream?from=" + from, token())) {
                if (!stream.ok()) {
                    throw Refused.of("subscribe to the audit stream", stream.status(), stream.refusal());
                }
                Deadline deadline = Deadline.after(timeout, stream);
                for (EventStream.Event event; (count == null || seen < count) && (event = stream.next()) != null; ) {
                    seen++;
                    AuditEvent audit = Json.read(event.data(), AuditEvent.class);
                    String failure = verify(audit);
                    failed += failure == null ? 0 : 1;
                    report(audit, failure);
                }
                deadline.cancel();
            }
            if (count != null && seen < count) {
                System.err.println("error: " + seen + " of " + count + " entries arrived");
                return 1;
            }
            return failed == 0 ? 0 : 1;
        }

        /** Null if the event verifies, else why not. */
        String verify(AuditEvent event) {
            LedgerEntry entry = event.entry();
            try {
                if (entry.index() != event.index() || !entry.leafHash().equals(event.leafHash())) {
                    return "the event's index or leaf hash is not its entry's";
                }
                byte[] previous = lastIndex >= 0 && lastIndex == entry.index() - 1 ? lastLeaf
                        : Hashing.fromB64(entry.document().path("previousHash").asText());
                VerificationReport chain = LogVerifier.verifyEntries(List.of(entry), previous, null);
                if (!chain.ok()) {
                    return chain.reason();
                }
                Checkpoint checkpoint = checkpoints.computeIfAbsent(event.checkpoint(), note -> LogVerifier.verifyCheckpoint(note, network().registry()));
                HttpJson.Reply reply = HttpJson.get(ledger + "/api/ledger/proofs/inclusion?index=" + entry.index() + "&treeSize=" + checkpoint.size(), null);
                LogVerifier.verifyInclusion(entry, Json.read(okText(reply, "inclusion proof of entry " + entry.index()), InclusionProof.class), checkpoint);
                entry.transaction().verify(network().registry());
                lastIndex = entry.index();
                lastLeaf = Hashing.fromB64(entry.leafHash());
                return null;
            } catch (Refused e) {
                throw e;
            } catch (RuntimeException e) {
                return e.getMessage() == null ? e.toString() : e.getMessage();
            }
        }

        private void report(AuditEvent event, String failure) {
            List<String> steps = new ArrayList<>();
            for (JsonNode command : event.entry().document().path("transaction").path("transaction").path("commands")) {
                JsonNode instruction = command.path("instruction");
                steps.add(instruction.path("action").asText() + " by " + instruction.path("signer").asText());
            }
            Checkpoint checkpoint = checkpoints.get(event.checkpoint());
            long size = checkpoint == null ? -1 : checkpoint.size();
            if (json) {
                ObjectNode line = Json.mapper().createObjectNode().put("index", event.index()).put("txId", event.entry().txId())
                        .put("leafHash", event.leafHash()).put("verified", failure == null).put("checkpointSize", size);
                line.set("steps", Json.tree(steps));
                if (failure != null) {
                    line.put("reason", failure);
                }
                System.out.println(Json.write(line));
            } else {
                System.out.println("#" + event.index() + " " + (failure == null ? "VERIFIED" : "FAILED") + " " + String.join(", ", steps)
                        + " tx " + event.entry().txId().substring(0, 16) + "... checkpoint size " + (size < 0 ? "?" : size) + (failure == null ? "" : ": " + failure));
            }
        }
    }
}
