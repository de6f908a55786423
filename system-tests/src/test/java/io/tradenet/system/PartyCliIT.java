package io.tradenet.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradenet.contract.json.Json;
import io.tradenet.deploy.infra.Layout;
import io.tradenet.deploy.local.LocalNetwork;
import io.tradenet.testkit.TempDirectories;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The party command line exactly as the root README ("Command-line tool for parties") drives it: every
 * step is {@code java -jar deploy/target/tradenet.jar ...} as its own process, run from the repository
 * root with the example files under {@code deploy/examples/}, against a real network of processes. Only
 * the addresses differ from the README (free ports here), given as TRADENET_NETWORK, TRADENET_LC and
 * TRADENET_LEDGER as the README explains.
 */
@ExtendWith(SharedNetwork.class)
class PartyCliIT {

    private static final String CREDIT = "LC26SH000201";
    private static final String MT700_CREDIT = "LC26SH000202";
    private static final String SHIPMENT = "SHP-26SH000201";

    private static LocalNetwork network;
    private static Path root;

    /** What one CLI process did. */
    record Run(int exit, String out, String err) {
        JsonNode json() {
            return Json.parse(out);
        }
    }

    @BeforeAll
    static void start(LocalNetwork shared) {
        root = Layout.repositoryRoot();
        assertThat(root.resolve("deploy/target/tradenet.jar")).as("build first: ./mvnw install -DskipTests").exists();
        network = shared;
    }

    @Test
    void theReadmeSequenceDrivesAWholeTradeAndTheRegulatorVerifiesEveryEntry() throws Exception {
        // 0. a network directory of one's own: registry, keys, token issuer
        Path own = TempDirectories.removedAtExit("tradenet-own-network");
        Run generated = ok(tradenet("network", "generate", "--dir", own.toString()));
        assertThat(generated.out()).contains("registry.json");
        assertThat(own.resolve("registry.json")).exists();
        assertThat(own.resolve("keys/tfbk-shanghai.pem")).exists();

        // 1. the issuing bank issues from JSON terms and from its MT700
        Run issued = ok(tradenet("credit", "issue", "--as", "tfbk-shanghai", "--terms", "deploy/examples/credit.json"));
        assertThat(issued.out()).contains("credit " + CREDIT + " ISSUED (version 1)", "notary signature verified against the registry");
        Run issuedMt700 = ok(tradenet("credit", "issue", "--as", "tfbk-shanghai", "--mt700", "deploy/examples/credit.mt700.txt"));
        assertThat(issuedMt700.out()).contains("credit " + MT700_CREDIT + " ISSUED", "EUR 480000.00");
        Run fin = ok(tradenet("credit", "mt700", MT700_CREDIT, "--as", "tfbk-hamburg"));
        assertThat(fin.out()).contains(":20:" + MT700_CREDIT, ":32B:EUR480000,");

        // 2. the advising bank advises and confirms
        Run confirmed = ok(tradenet("credit", "act", CREDIT, "--action", "confirm", "--as", "tfbk-hamburg"));
        assertThat(confirmed.out()).contains("CONFIRMED (version 2)", "confirmed by tfbk-hamburg");

        // 3. the carrier books; the exporter follows the shipment live while the carrier gates in and loads on board
        ok(tradenet("shipment", "book", SHIPMENT, "--as", "oceanic-lines", "--shipper", "nordsee-maschinenbau",
                "--goods", "2 UNITS CNC MILLING CENTRE MODEL NM-5X, UNIT PRICE EUR 625000",
                "--port-of-loading", "HAMBURG, GERMANY", "--port-of-discharge", "SHANGHAI, CHINA", "--vessel", "MV NORDIC STAR"));
        Launched follow = launch("shipment", "follow", SHIPMENT, "--as", "nordsee-maschinenbau", "--until", "LOADED_ON_BOARD", "--timeout", "PT5M");
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(follow.out()).contains("BOOKED"));
        Run gatedIn = ok(tradenet("shipment", "milestone", SHIPMENT, "--as", "oceanic-lines", "--milestone", "GATED_IN",
                "--place", "HAMBURG CONTAINER TERMINAL"));
        assertThat(gatedIn.out()).contains("GATED_IN (version 2)");
        Run loaded = ok(tradenet("shipment", "milestone", SHIPMENT, "--as", "oceanic-lines", "--milestone", "LOADED_ON_BOARD",
                "--place", "HAMBURG, GERMANY", "--json"));
        String ebl = loaded.json().path("eblStateRef").asText();
        assertThat(ebl).endsWith(":1");
        assertThat(loaded.json().path("state").path("ebl").asText()).isEqualTo("EBL-" + SHIPMENT);
        Run followed = finish(follow, "shipment follow");
        assertThat(followed.exit()).as(followed.err()).isZero();
        assertThat(followed.out().lines().map(line -> line.split("\\s+")[0]).toList()).containsExactly("BOOKED", "GATED_IN", "LOADED_ON_BOARD");

        // 4. the exporter presents the documents with the eBL; the confirming bank honours
        Run presented = ok(tradenet("credit", "present", CREDIT, "--as", "nordsee-maschinenbau", "--documents",
                "deploy/examples/presentation.json", "--ebl", ebl));
        assertThat(presented.out()).contains("presentation P1 COMPLYING", "with eBL EBL-" + SHIPMENT, "0 discrepancies");
        Run honoured = ok(tradenet("credit", "act", CREDIT, "--action", "honour", "--as", "tfbk-hamburg", "--set", "presentation=P1", "--json"));
        assertThat(honoured.json().path("status").asText()).isEqualTo("FULLY_DRAWN");
        String honourTx = honoured.json().path("txId").asText();

        // 5. the applicant sees its credit honoured
        Run shown = ok(tradenet("credit", "show", CREDIT, "--as", "huaxin-trading"));
        assertThat(shown.out()).contains("FULLY_DRAWN", "presentation P1 HONOURED", "drawn 1250000.00");

        // 6. the regulator tails the audit stream, every entry verified against the checkpoint it carries. The network
        // is shared with other classes' trades, so the tail reads every entry up to this trade's last (--count)
        // rather than for the README's fixed 5 s
        long entries = await().atMost(Duration.ofSeconds(60)).until(() -> LedgerEntries.indexOf(network, honourTx), index -> index >= 0) + 1;
        Run tail = ok(tradenet("audit", "tail", "--as", "regulator", "--from", "0", "--count", Long.toString(entries), "--timeout", "PT2M"));
        List<String> lines = tail.out().lines().toList();
        assertThat(lines).hasSize((int) entries).allSatisfy(line -> assertThat(line).matches("#\\d+ VERIFIED .*"));
        String loadingTx = ebl.substring(0, ebl.lastIndexOf(':')); // the eBL is an output of the loading's transaction
        assertThat(tail.out()).contains("IssueCredit by tfbk-shanghai", "AdviseCredit by tfbk-hamburg", "BookShipment by oceanic-lines",
                "PresentDocuments by nordsee-maschinenbau", "tx " + loadingTx.substring(0, 16),
                "Honour by tfbk-hamburg tx " + honourTx.substring(0, 16));

        // 7. and verifies the exported log offline against the signed checkpoint
        String token = ok(tradenet("network", "token", "--dir", network.network().directory().toString(), "--party", "regulator")).out().strip();
        Path export = TempDirectories.removedAtExit("tradenet-audit");
        ok(tradenet("ledger", "export", "--token", token, "--out", export.toString()));
        Run verified = ok(tradenet("ledger", "verify", "--registry", network.network().registryFile().toString(),
                "--checkpoint", export.resolve("checkpoint.txt").toString(), "--entries", export.resolve("entries.jsonl").toString(),
                "--notary-signatures"));
        assertThat(verified.out()).startsWith("ledger-verify: ok=true");
    }

    @Test
    void aPartyActingOutOfTurnGetsTheProblemDetailAndANonZeroExitAndTheCreditIsUnchanged() throws IOException {
        String reference = "LC26SH000301";
        ObjectNode terms = (ObjectNode) Json.parse(Files.readString(root.resolve("deploy/examples/credit.json")));
        terms.put("reference", reference);
        Path file = Files.createTempFile("credit", ".json");
        Files.writeString(file, Json.write(terms));
        JsonNode issued = ok(tradenet("credit", "issue", "--as", "tfbk-shanghai", "--terms", file.toString(), "--json")).json();

        // the issuing bank tries the advising bank's step
        Run advisedByIssuer = tradenet("credit", "act", reference, "--action", "confirm", "--as", "tfbk-shanghai");
        assertThat(advisedByIssuer.exit()).isEqualTo(1);
        assertThat(advisedByIssuer.err()).contains("HTTP 403 not-your-credit", "only the credit's advising bank (tfbk-hamburg) may do this");
        // the exporter tries to honour
        Run honouredByExporter = tradenet("credit", "act", reference, "--action", "honour", "--as", "nordsee-maschinenbau", "--set", "presentation=P1");
        assertThat(honouredByExporter.exit()).isEqualTo(1);
        assertThat(honouredByExporter.err()).contains("HTTP 403", "nordsee-maschinenbau may not Honour");
        // with --json the problem document itself is on stdout
        Run asJson = tradenet("credit", "act", reference, "--action", "advise", "--as", "tfbk-shanghai", "--json");
        assertThat(asJson.exit()).isEqualTo(1);
        assertThat(asJson.json().path("type").asText()).isEqualTo("urn:tradenet:problem:not-your-credit");

        JsonNode after = ok(tradenet("credit", "show", reference, "--as", "tfbk-hamburg", "--json")).json();
        assertThat(after.path("status").asText()).isEqualTo("ISSUED");
        assertThat(after.path("version").asInt()).isEqualTo(1);
        assertThat(after.path("stateRef").asText()).isEqualTo(issued.path("stateRef").asText());
    }

    @Test
    void anUnreadableMt700IsRefusedNamingTheFieldAndNoCreditExists() throws IOException {
        String text = Files.readString(root.resolve("deploy/examples/credit.mt700.txt"));
        String withoutAmount = text.replace(MT700_CREDIT, "LC26SH000399").lines().filter(line -> !line.startsWith(":32B:"))
                .reduce("", (a, b) -> a + b + "\n");
        Path file = Files.createTempFile("bad", ".mt700.txt");
        Files.writeString(file, withoutAmount);

        Run refused = tradenet("credit", "issue", "--as", "tfbk-shanghai", "--mt700", file.toString());
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("HTTP 422 invalid-mt700", "field 32B: mandatory field is missing");

        Run missing = tradenet("credit", "show", "LC26SH000399", "--as", "tfbk-shanghai");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("HTTP 404");
    }

    private static Run ok(Run run) {
        assertThat(run.exit()).as("exit code; stderr: %s; stdout: %s", run.err(), run.out()).isZero();
        return run;
    }

    /** Runs {@code tradenet ARGS} to completion. */
    private static Run tradenet(String... args) {
        return finish(launch(args), String.join(" ", args));
    }

    /** A CLI process and the files its output goes to. */
    private record Launched(Process process, Path out, Path err) {
    }

    /** Starts {@code java -jar deploy/target/tradenet.jar ARGS} from the repository root, addressed at this test's network. */
    private static Launched launch(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                root.resolve("deploy/target/tradenet.jar").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile());
        Map<String, String> env = builder.environment();
        env.remove("TRADENET_TOKEN");
        env.put("TRADENET_NETWORK", network.network().directory().toString());
        env.put("TRADENET_LC", network.lc().baseUrl());
        env.put("TRADENET_LEDGER", network.ledger().baseUrl());
        try {
            Path out = Files.createTempFile("tradenet-cli", ".out");
            Path err = Files.createTempFile("tradenet-cli", ".err");
            return new Launched(builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start(), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Run finish(Launched launched, String what) {
        try {
            if (!launched.process().waitFor(5, TimeUnit.MINUTES)) {
                launched.process().destroyForcibly();
                throw new AssertionError("tradenet " + what + " did not finish within 5 minutes");
            }
            Run run = new Run(launched.process().exitValue(), Files.readString(launched.out(), StandardCharsets.UTF_8),
                    Files.readString(launched.err(), StandardCharsets.UTF_8));
            Files.deleteIfExists(launched.out());
            Files.deleteIfExists(launched.err());
            return run;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
