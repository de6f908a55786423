package io.tradenet.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.tradenet.contract.json.Json;
import io.tradenet.contract.party.DemoNetwork;
import io.tradenet.contract.trade.Actions;
import io.tradenet.contract.trade.CreditTerms;
import io.tradenet.deploy.demo.DemoCredits;
import io.tradenet.deploy.demo.TradeClient;
import io.tradenet.deploy.infra.ServiceProcess;
import io.tradenet.deploy.local.DemoTrade;
import io.tradenet.deploy.local.HttpJson;
import io.tradenet.deploy.local.LocalNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operators' view of a real network after the demo trade: every metric the Grafana dashboard
 * queries is published by some service's /q/metrics, the business metrics count what the trade did,
 * /q/health shows the Kafka, database and Hazelcast checks, and the Prometheus configuration scrapes
 * exactly the local network's service ports.
 */
@ExtendWith(SharedNetwork.class)
class ObservabilityIT {

    private static final Path OBSERVABILITY = Path.of(System.getProperty("tradenet.repo.root", "..")).resolve("deploy/observability");
    /** Series Prometheus adds for each target itself; no service publishes them. */
    private static final Set<String> PROMETHEUS_SERIES = Set.of("up", "scrape_duration_seconds", "scrape_samples_scraped");
    private static final Set<String> PROMQL_WORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right", "bool",
            "and", "or", "unless", "offset", "inf", "nan");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    private static LocalNetwork network;
    private static DemoTrade.Outcome demo;
    /** Each service's samples before the demo, by service name: the network is shared, so what the demo did is what the counters grew by. */
    private static final Map<String, Map<String, Double>> BEFORE = new HashMap<>();

    @BeforeAll
    static void startAndTrade(LocalNetwork shared) {
        network = shared;
        for (ServiceProcess service : network.services()) {
            BEFORE.put(service.name(), scrape(service));
        }
        demo = DemoTrade.run(network.network(), network.lc().baseUrl(), network.ledger().baseUrl(), System.out);
        discrepantPresentationRefusedThenWaived();
    }

    /** A second credit whose presentation claims more than the credit allows (UCP 600 art. 30): refused, then waived. */
    private static void discrepantPresentationRefusedThenWaived() {
        TradeClient parties = new TradeClient(network.network(), network.lc().baseUrl());
        CreditTerms terms = DemoCredits.machinery(DemoCredits.newReference());
        JsonNode credit = ok(parties.issue(terms));
        credit = ok(parties.act(credit, Actions.PRESENT_DOCUMENTS, terms.beneficiary(), TradeClient.presentation(terms, "P1", "2000000.00", null)));
        assertThat(credit.path("state").path("presentations").get(0).path("status").asText()).isEqualTo("DISCREPANT");
        credit = ok(parties.act(credit, Actions.REFUSE, terms.issuingBank(), Json.mapper().createObjectNode().put("presentation", "P1")));
        ok(parties.act(credit, Actions.WAIVE_DISCREPANCIES, terms.applicant(), Json.mapper().createObjectNode().put("presentation", "P1")));
    }

    private static JsonNode ok(HttpJson.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isIn(200, 201);
        return Json.parse(reply.body());
    }

    @Test
    void everyMetricTheGrafanaDashboardQueriesIsPublishedBySomeServiceAfterTheDemo() throws IOException {
        Map<String, String> queried = dashboardMetrics();
        assertThat(queried).as("the dashboard's metrics").containsKeys("tradenet_lc_credits", "tradenet_notary_commits_total",
                "tradenet_ledger_size", "tradenet_dead_letters_total");
        // Kafka's client metrics reach Micrometer on its binder's refresh (every 60 s), so give them that long
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(5)).untilAsserted(() -> {
            Set<String> published = new TreeSet<>();
            for (ServiceProcess service : network.services()) {
                published.addAll(scrape(service).keySet());
            }
            Map<String, String> missing = new TreeMap<>(queried);
            missing.keySet().removeAll(published);
            missing.keySet().removeAll(PROMETHEUS_SERIES);
            assertThat(missing).as("metrics the dashboard queries (with the panel) that no service publishes").isEmpty();
        });
    }

    @Test
    void afterTheDemoTheBusinessMetricsCountWhatHappened() {
        // two credits: the demo's, drawn in full, and the discrepant one, still issued; both notarised several times.
        // The credit and shipment gauges are recounted every few seconds (tradenet.lc.metrics-refresh), so a value
        // taken before the demo may be stale: they are checked as they stand, the counters by how much they grew
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, Double> lc = scrape(network.lc());
            assertThat(lc.get("tradenet_lc_credits{status=\"FULLY_DRAWN\"}")).isGreaterThanOrEqualTo(1);
            assertThat(lc.get("tradenet_lc_credits{status=\"ISSUED\"}")).isGreaterThanOrEqualTo(1);
            assertThat(lc.get("tradenet_lc_credits{status=\"PENDING_ISSUE\"}")).isZero();
            assertThat(lc.get("tradenet_lc_shipments{status=\"LOADED_ON_BOARD\"}")).isGreaterThanOrEqualTo(1);
        });
        Map<String, Double> lc = scrape(network.lc());
        assertThat(grew(network.lc(), lc, "tradenet_lc_presentations_total{outcome=\"COMPLYING\"}")).isGreaterThanOrEqualTo(1);
        assertThat(grew(network.lc(), lc, "tradenet_lc_presentations_total{outcome=\"DISCREPANT\"}")).isGreaterThanOrEqualTo(1);
        assertThat(grew(network.lc(), lc, "tradenet_lc_discrepancies_total{article=\"30\"}")).isGreaterThanOrEqualTo(1);
        assertThat(grew(network.lc(), lc, "tradenet_lc_presentation_decisions_total{decision=\"HONOURED\"}")).isGreaterThanOrEqualTo(1);
        assertThat(grew(network.lc(), lc, "tradenet_lc_presentation_decisions_total{decision=\"REFUSED\"}")).isGreaterThanOrEqualTo(1);
        assertThat(grew(network.lc(), lc, "tradenet_lc_presentation_decisions_total{decision=\"WAIVED\"}")).isGreaterThanOrEqualTo(1);
        assertThat(grew(network.lc(), lc, "tradenet_lc_shipment_milestones_total{milestone=\"LOADED_ON_BOARD\"}")).isGreaterThanOrEqualTo(1);
        // issue, advise, book, gate in, load, present, honour; issue, present, refuse, waive
        double lcSuccesses = grew(network.lc(), lc, "tradenet_lc_notarisation_outcomes_total{outcome=\"SUCCESS\"}");
        assertThat(lcSuccesses).isGreaterThanOrEqualTo(11);
        assertThat(grew(network.lc(), lc, "tradenet_lc_notarisation_requests_total")).isGreaterThanOrEqualTo(lcSuccesses);
        assertThat(grew(network.lc(), lc, "tradenet_lc_notarisation_latency_seconds_count")).isGreaterThanOrEqualTo(lcSuccesses);
        assertThat(grew(network.lc(), lc, "tradenet_dead_letters_total{topic=\"notary-replies\"}")).isZero();

        ServiceProcess member = network.notaries().get(0);
        Map<String, Double> notary = scrape(member);
        assertThat(grew(member, notary, "tradenet_notary_commits_total")).isGreaterThanOrEqualTo(lcSuccesses);
        assertThat(grew(member, notary, "tradenet_notary_outcomes_total{outcome=\"SUCCESS\"}")).isGreaterThanOrEqualTo(lcSuccesses);
        assertThat(grew(member, notary, "tradenet_notary_conflicts_total")).isZero();
        assertThat(notary.get("tradenet_notary_cluster_members")).isEqualTo(1);
        assertThat(grew(member, notary, "tradenet_notary_commit_latency_seconds_count")).isGreaterThanOrEqualTo(lcSuccesses);
        assertThat(grew(member, notary, "tradenet_dead_letters_total{topic=\"notary-requests\"}")).isZero();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Map<String, Double> ledger = scrape(network.ledger());
            assertThat(grew(network.ledger(), ledger, "tradenet_ledger_size")).isGreaterThanOrEqualTo(lcSuccesses);
            assertThat(ledger.get("tradenet_ledger_size")).isGreaterThan(demo.ledgerIndex());
            assertThat(ledger.get("tradenet_ledger_appends_total")).isEqualTo(ledger.get("tradenet_ledger_size"));
            assertThat(ledger.get("tradenet_ledger_checkpoint_age_seconds")).isLessThan(600);
            assertThat(ledger.get("tradenet_ledger_audit_subscribers")).isNotNull();
            assertThat(grew(network.ledger(), ledger, "tradenet_dead_letters_total{topic=\"notarised-transactions\"}")).isZero();
        });
    }

    /** How much a series grew since before the demo (a series not yet published counts as 0). */
    private static double grew(ServiceProcess service, Map<String, Double> now, String series) {
        return now.getOrDefault(series, 0.0) - BEFORE.get(service.name()).getOrDefault(series, 0.0);
    }

    @Test
    void healthShowsTheKafkaDatabaseAndHazelcastChecksOfEachServiceUp() {
        for (ServiceProcess service : network.services()) {
            JsonNode health = Json.parse(HttpJson.get(service.baseUrl() + "/q/health", null).body());
            Map<String, String> checks = new HashMap<>();
            health.path("checks").forEach(check -> checks.put(check.path("name").asText(), check.path("status").asText()));
            assertThat(checks).as(service.name()).containsEntry("Kafka connection health check", "UP")
                    .containsEntry("Database connections health check", "UP");
            if (service.name().equals(ServiceProcess.NOTARY)) {
                assertThat(checks).containsEntry("hazelcast", "UP");
            }
            assertThat(health.path("status").asText()).as(service.name()).isEqualTo("UP");
        }
    }

    @Test
    void prometheusScrapesEachServiceOnItsLocalNetworkDefaultPortAtQMetrics() throws IOException {
        LocalNetwork.Options defaults = LocalNetwork.Options.defaults(Path.of("local-network"));
        Map<String, Set<String>> expected = new TreeMap<>();
        expected.put(ServiceProcess.LC, Set.of("127.0.0.1:" + defaults.lcPort()));
        expected.put(ServiceProcess.LEDGER, Set.of("127.0.0.1:" + defaults.ledgerPort()));
        expected.put(ServiceProcess.NOTARY, new TreeSet<>(defaults.notaryPorts().stream().map(port -> "127.0.0.1:" + port).toList()));

        JsonNode config = new YAMLMapper().readTree(OBSERVABILITY.resolve("prometheus.yml").toFile());
        Map<String, Set<String>> scraped = new TreeMap<>();
        for (JsonNode job : config.path("scrape_configs")) {
            assertThat(job.path("metrics_path").asText()).as(job.path("job_name").asText()).isEqualTo("/q/metrics");
            for (JsonNode staticConfig : job.path("static_configs")) {
                // the dashboard tells services apart by this label (the Prometheus Operator sets it to the Service's name)
                Set<String> targets = scraped.computeIfAbsent(staticConfig.path("labels").path("service").asText(), s -> new TreeSet<>());
                staticConfig.path("targets").forEach(target -> targets.add(target.asText()));
            }
        }
        assertThat(scraped).isEqualTo(expected);
    }

    /** Metric names in the dashboard's PromQL expressions, each with the title of a panel that queries it. */
    static Map<String, String> dashboardMetrics() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(OBSERVABILITY.resolve("grafana/tradenet-dashboard.json").toFile());
        List<JsonNode> panels = new ArrayList<>();
        dashboard.path("panels").forEach(panel -> {
            panels.add(panel);
            panel.path("panels").forEach(panels::add);
        });
        Map<String, String> metrics = new TreeMap<>();
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                for (String metric : metricsIn(target.path("expr").asText())) {
                    metrics.putIfAbsent(metric, panel.path("title").asText());
                }
            }
        }
        return metrics;
    }

    /**
     * The metric names a PromQL expression selects: identifiers that are not function calls, keywords,
     * label names (in {@code by (...)}, {@code without (...)}, {@code {...}}) or inside ranges and strings.
     */
    static Set<String> metricsIn(String expr) {
        String stripped = expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(stripped);
        while (m.find()) {
            String word = m.group();
            int after = m.end();
            while (after < stripped.length() && stripped.charAt(after) == ' ') {
                after++;
            }
            boolean call = after < stripped.length() && stripped.charAt(after) == '(';
            boolean number = m.start() > 0 && Character.isDigit(stripped.charAt(m.start() - 1));
            if (!call && !number && !PROMQL_WORDS.contains(word.toLowerCase())) {
                names.add(word);
            }
        }
        return names;
    }

    /** A service's Prometheus scrape: each sample ({@code name} or {@code name{labels}}) with its value. */
    private static Map<String, Double> scrape(ServiceProcess service) {
        HttpJson.Reply reply = HttpJson.get(service.baseUrl() + "/q/metrics", null);
        assertThat(reply.status()).as(service.name() + " /q/metrics").isEqualTo(200);
        Map<String, Double> samples = new HashMap<>();
        for (String line : reply.body().split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            String series = line.substring(0, space);
            String text = line.substring(space + 1);
            double value = text.endsWith("Inf") ? (text.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY)
                    : Double.parseDouble(text);
            samples.put(series, value);
            int brace = series.indexOf('{');
            if (brace > 0) {
                samples.putIfAbsent(series.substring(0, brace), value);
            }
        }
        return samples;
    }
}
