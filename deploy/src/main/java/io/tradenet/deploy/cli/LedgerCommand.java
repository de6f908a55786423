package io.tradenet.deploy.cli;

import io.tradenet.contract.checkpoint.Checkpoint;
import io.tradenet.contract.json.CanonicalJson;
import io.tradenet.contract.json.Json;
import io.tradenet.contract.ledger.ConsistencyProof;
import io.tradenet.contract.ledger.LedgerEntry;
import io.tradenet.contract.ledger.LogVerifier;
import io.tradenet.contract.ledger.VerificationReport;
import io.tradenet.contract.party.PartyRegistry;
import io.tradenet.deploy.local.HttpJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;

/**
 * {@code tradenet ledger ...}: what a regulator runs without trusting the ledger service. {@code export}
 * downloads the signed checkpoint and the entries (one canonical leaf document per line);
 * {@code verify} checks them offline against the registry: the checkpoint's signature, every entry's
 * position and hash-chain link, the Merkle root, optionally consistency with an earlier checkpoint and
 * each entry's notary signature. It names the first index that fails.
 */
@Command(name = "ledger", mixinStandardHelpOptions = true, description = "Export and verify the ledger offline.",
        subcommands = {LedgerCommand.Export.class, LedgerCommand.Verify.class})
public class LedgerCommand {

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Download the latest checkpoint and entries [0, tree size) as JSON Lines of canonical leaf documents.")
    static class Export implements Callable<Integer> {

        @Option(names = "--ledger", defaultValue = "${env:TRADENET_LEDGER:-http://127.0.0.1:8083}",
                description = "Ledger service URL (default: $TRADENET_LEDGER or ${DEFAULT-VALUE})")
        String ledger;

        @Option(names = "--token", defaultValue = "${env:TRADENET_TOKEN}", description = "Bearer token of a party entitled to read entries "
                + "(default: $TRADENET_TOKEN)")
        String token;

        @Option(names = "--out", required = true, description = "Directory to write checkpoint.txt and entries.jsonl into")
        Path out;

        @Override
        public Integer call() throws IOException {
            Files.createDirectories(out);
            String note = HttpJson.get(ledger + "/api/ledger/checkpoint", token).body();
            long size = Long.parseLong(note.split("\n")[1]);
            Files.writeString(out.resolve("checkpoint.txt"), note, StandardCharsets.UTF_8);
            try (OutputStream lines = Files.newOutputStream(out.resolve("entries.jsonl"))) {
                for (long from = 0; from < size; from += LedgerEntry.MAX_PAGE) {
                    HttpJson.Reply reply = HttpJson.get(ledger + "/api/ledger/entries?from=" + from + "&limit=" + LedgerEntry.MAX_PAGE, token);
                    if (!reply.ok()) {
                        System.err.println("entries from " + from + ": HTTP " + reply.status() + " " + reply.body());
                        return 1;
                    }
                    for (var node : Json.parse(reply.body())) {
                        LedgerEntry entry = Json.bind(node, LedgerEntry.class);
                        if (entry.index() >= size) {
                            break;
                        }
                        lines.write(CanonicalJson.bytes(entry.document()));
                        lines.write('\n');
                    }
                }
            }
            System.out.println("exported " + size + " entries and the checkpoint to " + out);
            return 0;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Verify exported entries against a signed checkpoint, offline. Prints one line: ledger-verify: ok=... "
                    + "entries=... root=... first_failing_index=... seconds=...")
    static class Verify implements Callable<Integer> {

        @Option(names = "--registry", required = true, description = "The network's registry.json (the ledger's public key)")
        Path registry;

        @Option(names = "--checkpoint", required = true, description = "The signed checkpoint note")
        Path checkpoint;

        @Option(names = "--entries", required = true, description = "JSON Lines of canonical leaf documents, entry 0 first")
        Path entries;

        @Option(names = "--previous-checkpoint", description = "An earlier signed checkpoint the new one must extend")
        Path previous;

        @Option(names = "--ledger", description = "Ledger URL to fetch the consistency proof from (with --previous-checkpoint)")
        String ledger;

        @Option(names = "--notary-signatures", description = "Also check every entry's notary signature (slower)")
        boolean notarySignatures;

        @Override
        public Integer call() throws IOException {
            long started = System.nanoTime();
            PartyRegistry parties = PartyRegistry.load(registry);
            Checkpoint cp = LogVerifier.verifyCheckpoint(Files.readString(checkpoint, StandardCharsets.UTF_8), parties);
            VerificationReport report;
            try (BufferedReader reader = Files.newBufferedReader(entries, StandardCharsets.UTF_8)) {
                report = LogVerifier.against(LogVerifier.verifyLeafData(lines(reader)), cp);
            }
            if (report.ok() && notarySignatures) {
                report = checkNotarySignatures(parties, report);
            }
            if (report.ok() && previous != null) {
                Checkpoint older = LogVerifier.verifyCheckpoint(Files.readString(previous, StandardCharsets.UTF_8), parties);
                ConsistencyProof proof = Json.read(HttpJson.get(ledger + "/api/ledger/proofs/consistency?from=" + older.size()
                        + "&to=" + cp.size(), null).body(), ConsistencyProof.class);
                try {
                    LogVerifier.verifyConsistency(older, cp, proof);
                } catch (RuntimeException e) {
                    report = VerificationReport.failed(report.entriesChecked(), -1, "the checkpoint does not extend the earlier one: "
                            + e.getMessage());
                }
            }
            System.out.printf("ledger-verify: ok=%s entries=%d root=%s first_failing_index=%d seconds=%.2f%s%n", report.ok(),
                    report.entriesChecked(), report.ok() ? report.rootHash() : "-", report.firstFailingIndex(),
                    (System.nanoTime() - started) / 1e9, report.ok() ? "" : " reason=\"" + report.reason() + "\"");
            return report.ok() ? 0 : 1;
        }

        private VerificationReport checkNotarySignatures(PartyRegistry parties, VerificationReport chain) throws IOException {
            try (BufferedReader reader = Files.newBufferedReader(entries, StandardCharsets.UTF_8)) {
                List<LedgerEntry> page = new ArrayList<>();
                long index = 0;
                for (String line; (line = reader.readLine()) != null; index++) {
                    var document = Json.parse(line);
                    page.add(new LedgerEntry(index, document.path("transaction").path("txId").asText(), "-", "-", document));
                    if (page.size() == 1000) {
                        VerificationReport r = LogVerifier.verifyNotarySignatures(page, parties);
                        if (!r.ok()) {
                            return r;
                        }
                        page.clear();
                    }
                }
                VerificationReport r = LogVerifier.verifyNotarySignatures(page, parties);
                return r.ok() ? chain : r;
            }
        }

        private static Iterator<byte[]> lines(BufferedReader reader) {
            return new Iterator<>() {
                String next = read();

                private String read() {
                    try {
                        return reader.readLine();
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }

                @Override
                public boolean hasNext() {
                    return next != null;
                }

                @Override
                public byte[] next() {
                    if (next == null) {
                        throw new NoSuchElementException();
                    }
                    byte[] bytes = next.getBytes(StandardCharsets.UTF_8);
                    next = read();
                    return bytes;
                }
            };
        }
    }
}
