package io.tradenet.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradenet.contract.checkpoint.SignedNote;
import io.tradenet.contract.crypto.Hashing;
import io.tradenet.contract.json.Json;
import io.tradenet.contract.party.DemoNetwork;
import io.tradenet.contract.trade.Actions;
import io.tradenet.contract.trade.CreditTerms;
import io.tradenet.deploy.demo.DemoCredits;
import io.tradenet.deploy.demo.TradeClient;
import io.tradenet.deploy.infra.Postgres;
import io.tradenet.deploy.local.HttpJson;
import io.tradenet.deploy.local.LocalNetwork;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import com.fasterxml.jackson.core.type.TypeReference;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The web pages the services serve, in headless Chromium against the real processes: an exporter watches
 * a milestone arrive, a bank sees its credits by state with deadlines and discrepancies, a party never
 * sees a credit it is not party to, and a regulator sees each new ledger entry checked in the browser,
 * and an entry whose inclusion proof was tampered with marked as failing. Screenshots of every page go
 * to target/screenshots.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebPagesIT {

    private static LocalNetwork network;
    private static TradeClient parties;
    private static Browser browser;
    private static String lc;
    private static String ledger;
    private static String discrepantCredit;
    private static long newestBeforeTamper;

    /** A failing test leaves a screenshot and the page's text behind, to see what the browser saw. */
    @RegisterExtension
    static final AfterTestExecutionCallback SCREENSHOT_ON_FAILURE = context -> {
        if (context.getExecutionException().isPresent() && browser != null) {
            System.err.println("page at failure of " + context.getDisplayName() + ": " + browser.screenshot("FAILED-" + context.getRequiredTestMethod().getName())
                    + "\n" + browser.text() + "\nconsole:\n" + browser.console());
        }
    };

    @BeforeAll
    static void start() {
        // the tamper test rewrites a stored leaf hash: with the ledger's in-memory tree on, proofs would keep
        // being served from the committed hashes and the tampering would not reach the page; this class tests
        // the page's checks, so its ledger serves every proof from the database
        network = RunningNetwork.start(1, Map.of("tradenet.ledger.tree-cache-mb", "0"));
        parties = new TradeClient(network.network(), network.lc().baseUrl());
        lc = network.lc().baseUrl();
        ledger = network.ledger().baseUrl();
        browser = new Browser();
    }

    @AfterAll
    static void stop() {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (network != null) {
                network.close();
            }
        }
    }

    private static JsonNode ok(HttpJson.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isIn(200, 201);
        return Json.parse(reply.body());
    }

    private static void signInAs(String page, String party) {
        if (browser.present(By.id("sign-out"))) {
            browser.all(By.id("sign-out")).get(0).click();
        }
        browser.signIn(page, network.token(party));
        assertThat(browser.await(By.id("party")).getText()).isEqualTo(party);
    }

    /**
     * The regulator's page checks proofs with its own code (log-verifier.js, WebCrypto): it must accept
     * exactly the transparency-dev/merkle vectors whose wantErr is false, as the Java verifier does.
     */
    @Test
    @Order(0)
    void theBrowsersProofCheckerAcceptsExactlyTheRfc9162VectorsWithoutWantErr() throws Exception {
        List<Map<String, Object>> vectors = new ArrayList<>();
        Path merkle = Paths.get("..", "trade-contract", "src", "test", "resources", "merkle");
        for (String kind : List.of("inclusion", "consistency")) {
            try (Stream<Path> files = Files.walk(merkle.resolve(kind))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                    Map<String, Object> vector = new HashMap<>(Json.mapper().readValue(file.toFile(), new TypeReference<Map<String, Object>>() { }));
                    // JavaScript numbers are doubles: a uint64 index (2^64 - 1 in one vector) arrives as its nearest double
                    vector.replaceAll((k, v) -> v instanceof java.math.BigInteger big ? big.doubleValue() : v);
                    vector.put("kind", kind);
                    vector.put("file", merkle.relativize(file).toString());
                    vectors.add(vector);
                }
            }
        }
        assertThat(vectors).hasSizeGreaterThan(50);
        browser.open(ledger + "/");
        browser.await(By.id("sign-in"));
        @SuppressWarnings("unchecked")
        List<Object> accepted = (List<Object>) browser.runAsync("""
                const [vectors, done] = arguments;
                (async () => {
                  const out = [];
                  for (const v of vectors) {
                    let ok;
                    try {
                      ok = v.kind === "inclusion"
                        ? await LogVerifier.verifyInclusion(v.leafIdx, v.treeSize, v.leafHash, v.proof || [], v.root)
                        : await LogVerifier.verifyConsistency(v.size1, v.size2, v.root1, v.root2, v.proof || []);
                    } catch (e) {
                      ok = false;
                    }
                    out.push(ok);
                  }
                  done(out);
                })();""", vectors);
        assertThat(accepted).hasSameSizeAs(vectors);
        for (int i = 0; i < vectors.size(); i++) {
            assertThat(accepted.get(i)).as(vectors.get(i).get("file") + ": " + vectors.get(i).get("desc"))
                    .isEqualTo(!Boolean.TRUE.equals(vectors.get(i).get("wantErr")));
        }
    }

    /** A C2SP vkey is name+keyid+base64, and the base64 may itself hold '+': the page must still read it. */
    @Test
    @Order(0)
    void theBrowserReadsEveryVerifierKeyIncludingOneWhoseBase64HoldsAPlus() {
        java.security.SecureRandom random = new java.security.SecureRandom();
        String vkey;
        do {
            vkey = SignedNote.verifierKey("tradenet.local/ledger", new Ed25519PrivateKeyParameters(random).generatePublicKey());
        } while (!vkey.substring(vkey.indexOf('+', vkey.indexOf('+') + 1) + 1).contains("+"));
        browser.open(ledger + "/");
        browser.await(By.id("sign-in"));
        Object read = browser.runAsync("""
                const [vkey, done] = arguments;
                LogVerifier.parseVerifierKey(vkey).then(k => done(k.name + " " + k.vkey), e => done("error: " + e.message));""", vkey);
        assertThat(read).isEqualTo("tradenet.local/ledger " + vkey);
    }

    @Test
    @Order(1)
    void exporterSeesAShipmentMilestoneAppearWithoutReloading() {
        CreditTerms terms = DemoCredits.machinery(DemoCredits.newReference());
        String id = "SHP-" + terms.reference().substring(2, 10);
        JsonNode shipment = ok(parties.book(id, terms, "MV NORDIC STAR"));

        signInAs(lc + "/index.html", DemoNetwork.BENEFICIARY);
        browser.open(lc + "/shipments.html#" + id);
        browser.await(By.cssSelector("#timeline li[data-milestone=BOOKED]"));
        assertThat(browser.await(By.cssSelector("[data-shipment]")).getAttribute("data-shipment")).isEqualTo(id);
        assertThat(browser.present(By.cssSelector("#timeline li[data-milestone=GATED_IN]"))).isFalse();
        browser.markDocument();

        ok(parties.milestone(shipment, "GATED_IN", "HAMBURG CONTAINER TERMINAL"));

        WebElement gatedIn = browser.await(By.cssSelector("#timeline li[data-milestone=GATED_IN]"));
        assertThat(gatedIn.getText()).contains("Gated in").contains("HAMBURG CONTAINER TERMINAL");
        assertThat(browser.sameDocument()).as("the milestone arrived without a reload").isTrue();
        assertThat(browser.await(By.id("shipment-status")).getText()).isEqualTo("Gated in");
        browser.screenshot("exporter-shipment-timeline");
        browser.phoneSized();
        browser.screenshot("exporter-shipment-timeline-phone");
        browser.laptopSized();
    }

    @Test
    @Order(2)
    void bankSeesItsCreditsByStateWithExaminationDeadlinesAndDiscrepancies() {
        CreditTerms terms = DemoCredits.machinery(DemoCredits.newReference());
        JsonNode credit = ok(parties.issue(terms));
        credit = ok(parties.act(credit, Actions.ADVISE_CREDIT, terms.advisingBank(), Json.mapper().createObjectNode().put("confirm", true)));
        String tooMuch = new BigDecimal(terms.amount()).multiply(BigDecimal.valueOf(2)).toPlainString();
        credit = ok(parties.act(credit, Actions.PRESENT_DOCUMENTS, terms.beneficiary(), TradeClient.presentation(terms, "P1", tooMuch, null)));
        JsonNode presentation = credit.path("state").path("presentations").get(0);
        assertThat(presentation.path("status").asText()).isEqualTo("DISCREPANT");
        discrepantCredit = terms.reference();

        signInAs(lc + "/index.html", terms.issuingBank());
        browser.open(lc + "/credits.html");
        WebElement card = browser.await(By.id("credit-" + terms.reference()));
        assertThat(card.findElement(By.xpath("ancestor::section")).getAttribute("data-group")).isEqualTo("CONFIRMED");
        WebElement row = card.findElement(By.cssSelector("tr[data-presentation=P1]"));
        assertThat(row.getText()).contains("Discrepant");
        assertThat(row.findElement(By.cssSelector("[data-deadline]")).getAttribute("data-deadline"))
                .isEqualTo(presentation.path("deadline").asText());
        assertThat(row.findElements(By.cssSelector("ul.discrepancies li"))).hasSize(presentation.path("discrepancies").size());
        assertThat(row.getText()).contains("UCP 600 art. " + presentation.path("discrepancies").get(0).path("article").asText());
        browser.screenshot("bank-credits-by-state");

        browser.open(lc + "/index.html");
        await().atMost(Duration.ofSeconds(30)).until(() -> browser.await(By.id("overview")).getText().contains("awaiting a decision"));
        assertThat(browser.await(By.id("overview")).getText()).contains("1 presentation awaiting a decision").contains(discrepantCredit + " / P1");
        browser.screenshot("bank-overview");
    }

    @Test
    @Order(3)
    void aPartyNeverSeesACreditItIsNotPartyTo() {
        assertThat(discrepantCredit).as("runs after the bank's test").isNotNull();
        signInAs(lc + "/index.html", DemoNetwork.APPLICANT);
        browser.open(lc + "/credits.html");
        browser.await(By.id("credit-" + discrepantCredit));

        // the carrier is party to shipments, not to credits
        signInAs(lc + "/index.html", DemoNetwork.CARRIER);
        browser.open(lc + "/credits.html");
        await().atMost(Duration.ofSeconds(30)).until(() -> !browser.await(By.id("credit-summary")).getText().isEmpty());
        assertThat(browser.await(By.id("credit-summary")).getText()).isEqualTo("You are party to no credits.");
        assertThat(browser.all(By.cssSelector("article.credit"))).isEmpty();
        assertThat(browser.text()).doesNotContain(discrepantCredit);
        browser.screenshot("carrier-sees-no-credits");

        // and the applicant ships nothing, so it follows no shipment
        signInAs(lc + "/index.html", DemoNetwork.APPLICANT);
        browser.open(lc + "/shipments.html");
        await().atMost(Duration.ofSeconds(30)).until(() -> browser.text().contains("You carry or ship no shipments."));
        assertThat(browser.all(By.cssSelector("[data-shipment-row]"))).isEmpty();
    }

    @Test
    @Order(4)
    void regulatorSeesEachNewEntryArriveVerifiedAgainstTheSignedCheckpoint() {
        ok(parties.issue(DemoCredits.machinery(DemoCredits.newReference())));
        signInAs(ledger + "/", DemoNetwork.REGULATOR);
        await().atMost(Duration.ofSeconds(60)).until(() -> !browser.all(By.cssSelector("#entries tr[data-result=verified]")).isEmpty()
                && browser.all(By.cssSelector("#entries tr:not([data-result])")).isEmpty());
        assertThat(browser.all(By.cssSelector("#entries tr[data-result=failed]"))).isEmpty();
        long newest = shownIndexes().last();
        browser.markDocument();

        ok(parties.issue(DemoCredits.machinery(DemoCredits.newReference())));

        await().atMost(Duration.ofSeconds(60)).until(() -> shownIndexes().last() > newest);
        long arrived = shownIndexes().last();
        await().atMost(Duration.ofSeconds(30)).until(() -> "verified".equals(browser.await(By.id("entry-" + arrived)).getAttribute("data-result")));
        assertThat(browser.await(By.id("entry-" + arrived)).getText()).contains("IssueCredit").contains(DemoNetwork.ISSUING_BANK);
        assertThat(browser.sameDocument()).as("the entry arrived without a reload").isTrue();
        // the checkpoint that brought it was checked for consistency with the one before
        await().atMost(Duration.ofSeconds(30)).until(() -> !browser.all(By.cssSelector("#checkpoint-log li[data-result=verified]")).isEmpty());
        assertThat(browser.all(By.cssSelector("#checkpoint-log li[data-result=failed]"))).isEmpty();
        assertThat(browser.await(By.id("checkpoint-now")).getText()).contains("signature verified");
        newestBeforeTamper = arrived;
        browser.screenshot("regulator-audit-stream");
    }

    @Test
    @Order(5)
    void regulatorSeesAnEntryWhoseInclusionProofWasTamperedWithMarkedFailing() throws Exception {
        assertThat(newestBeforeTamper).as("runs after the regulator's first test").isPositive();
        Set<Long> shown = shownIndexes();
        long victim = shown.stream().filter(i -> shown.contains(i ^ 1)).findFirst().orElseThrow();
        long sibling = victim ^ 1;
        assertThat(browser.await(By.id("entry-" + victim)).getAttribute("data-result")).isEqualTo("verified");

        // an insider rewrites the stored leaf hash of the victim's sibling: the proof the ledger now serves
        // for the victim no longer leads to the root the ledger signed
        try (Connection c = Postgres.connect(network.options().databasePrefix() + "_ledger");
             PreparedStatement ps = c.prepareStatement("UPDATE ledger_entry SET leaf_hash = ? WHERE idx = ?")) {
            ps.setBytes(1, Hashing.sha256("tampered".getBytes(StandardCharsets.UTF_8)));
            ps.setLong(2, sibling);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        browser.markDocument();
        browser.await(By.cssSelector("button[data-recheck='" + victim + "']")).click();

        await().atMost(Duration.ofSeconds(30)).until(() -> "failed".equals(browser.await(By.id("entry-" + victim)).getAttribute("data-result")));
        assertThat(browser.await(By.id("entry-" + victim)).getText()).contains("FAILED").contains("inclusion proof does not lead to the signed root");
        assertThat(browser.await(By.id("counts")).getText()).contains("1 failed");
        assertThat(browser.sameDocument()).isTrue();
        browser.screenshot("regulator-audit-tampered-proof");
        browser.phoneSized();
        browser.screenshot("regulator-audit-tampered-proof-phone");
        browser.laptopSized();
    }

    private static TreeSet<Long> shownIndexes() {
        TreeSet<Long> out = new TreeSet<>();
        for (WebElement row : browser.all(By.cssSelector("#entries tr[data-index]"))) {
            out.add(Long.parseLong(row.getAttribute("data-index")));
        }
        return out;
    }
}
