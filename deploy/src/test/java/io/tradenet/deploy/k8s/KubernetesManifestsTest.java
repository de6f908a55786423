package io.tradenet.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tradenet.contract.messaging.Topics;
import io.tradenet.deploy.infra.Layout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Every Kustomize overlay under {@code k8s/overlays/} (discovered, not listed) renders with
 * {@code kubectl kustomize}, and the rendered manifests are consistent with each other and with the
 * services they run: selectors, ports, probes, resources, configuration keys, secrets, the notary's
 * Hazelcast discovery and disruption budget, network policies, Kafka topics and PostgreSQL clusters.
 * Each test method is one rule, checked for every overlay.
 */
class KubernetesManifestsTest {

    private static final Path ROOT = Layout.repositoryRoot();
    private static final Path OVERLAYS = ROOT.resolve("k8s/overlays");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Map<String, List<JsonNode>> RENDERED = new ConcurrentHashMap<>();

    /** Env var prefixes that SmallRye Config maps onto configuration keys of the services. */
    private static final List<String> CONFIG_PREFIXES = List.of("QUARKUS_", "TRADENET_", "MP_", "KAFKA_");
    /**
     * Standard JVM variables a container may set besides configuration keys (GC_CONTAINER_OPTIONS: the collector
     * that run-java.sh, the entrypoint of UBI's OpenJDK images, puts on the command line).
     */
    private static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS", "JAVA_OPTS", "GC_CONTAINER_OPTIONS");
    /** Quarkus keys the manifests set that application.properties leaves at their (absent) default. */
    private static final Set<String> KNOWN_QUARKUS_KEYS = Set.of("quarkus.datasource.pg.password");
    /** Keys of the Secret {@code <cluster>-app} that CloudNativePG generates for a Cluster's application user. */
    private static final Set<String> CNPG_APP_SECRET_KEYS = Set.of("username", "user", "password", "host", "port", "dbname",
            "uri", "jdbc-uri", "pgpass", "fqdn-uri", "fqdn-jdbc-uri");
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

    // ------------------------------------------------------------------ rendering

    static Stream<String> overlays() throws IOException {
        try (Stream<Path> dirs = Files.list(OVERLAYS)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("kustomization.yaml")))
                    .map(d -> d.getFileName().toString()).sorted().toList().stream();
        }
    }

    static List<JsonNode> rendered(String overlay) {
        return RENDERED.computeIfAbsent(overlay, KubernetesManifestsTest::render);
    }

    private static List<JsonNode> render(String overlay) {
        Path dir = OVERLAYS.resolve(overlay);
        Process process;
        try {
            process = new ProcessBuilder("kubectl", "kustomize", dir.toString()).directory(ROOT.toFile()).start();
        } catch (IOException e) {
            throw new AssertionError("kubectl is not installed (Debian package kubernetes-client); it must render " + dir, e);
        }
        try (InputStream out = process.getInputStream(); InputStream err = process.getErrorStream()) {
            byte[] yaml = out.readAllBytes();
            String errors = new String(err.readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("kubectl kustomize " + dir + " did not finish in 120 s");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + dir + " failed (exit " + process.exitValue() + "): " + errors);
            }
            List<JsonNode> docs = new ArrayList<>();
            try (var parser = YAML.getFactory().createParser(yaml)) {
                Iterator<JsonNode> it = YAML.readValues(parser, JsonNode.class);
                while (it.hasNext()) {
                    JsonNode doc = it.next();
                    if (doc != null && doc.isObject() && doc.has("kind")) {
                        docs.add(doc);
                    }
                }
            }
            return docs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Test
    void everyOverlayRendersWithKubectlKustomize() throws IOException {
        List<String> overlays = overlays().toList();
        assertThat(overlays).as("overlays under %s", OVERLAYS).hasSizeGreaterThanOrEqualTo(2).contains("dev", "prod");
        for (String overlay : overlays) {
            List<JsonNode> docs = rendered(overlay);
            assertThat(kinds(docs)).as(overlay).contains("Deployment", "StatefulSet", "Service", "PodDisruptionBudget",
                    "NetworkPolicy", "ServiceMonitor", "Secret", "ConfigMap", "Kafka", "KafkaNodePool", "KafkaTopic", "Cluster");
            String namespace = docs.stream().filter(d -> kind(d).equals("Namespace")).map(KubernetesManifestsTest::name).findFirst()
                    .orElseThrow(() -> new AssertionError(overlay + " declares no Namespace"));
            for (JsonNode doc : docs) {
                if (!kind(doc).equals("Namespace")) {
                    assertThat(doc.path("metadata").path("namespace").asText()).as("%s %s/%s namespace", overlay, kind(doc), name(doc))
                            .isEqualTo(namespace);
                }
            }
        }
    }

    // ------------------------------------------------------------------ workloads

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void workloadSelectorsMatchTheirPodTemplateLabels(String overlay) {
        List<JsonNode> workloads = workloads(rendered(overlay));
        assertThat(workloads).as(overlay).isNotEmpty();
        for (JsonNode w : workloads) {
            JsonNode selector = w.path("spec").path("selector");
            assertThat(selector.path("matchLabels").size() + selector.path("matchExpressions").size()).as("%s selector", name(w)).isPositive();
            assertThat(selects(selector, podLabels(w))).as("%s %s: selector %s matches its pod template labels %s", overlay, name(w),
                    selector, podLabels(w)).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void serviceSelectorsSelectPodsWhoseContainersDeclareTheTargetPorts(String overlay) {
        List<JsonNode> docs = rendered(overlay);
        for (JsonNode service : ofKind(docs, "Service")) {
            JsonNode selector = service.path("spec").path("selector");
            List<JsonNode> selected = workloads(docs).stream().filter(w -> labelsMatch(selector, podLabels(w))).toList();
            assertThat(selected).as("%s Service %s selects the pods of some workload", overlay, name(service)).isNotEmpty();
            for (JsonNode port : service.path("spec").path("ports")) {
                JsonNode target = port.has("targetPort") ? port.get("targetPort") : port.get("port");
                for (JsonNode w : selected) {
                    assertThat(resolvePort(containers(w), target)).as("%s Service %s port %s: targetPort %s on %s's containers",
                            overlay, name(service), port.path("name").asText(), target, name(w)).isNotNull();
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyContainerHasLivenessReadinessAndStartupProbesOnQuarkusHealthAtADeclaredPort(String overlay) {
        Map<String, String> expected = Map.of("livenessProbe", "/q/health/live", "readinessProbe", "/q/health/ready",
                "startupProbe", "/q/health/started");
        for (JsonNode w : workloads(rendered(overlay))) {
            for (JsonNode c : containers(w)) {
                expected.forEach((probe, path) -> {
                    JsonNode get = c.path(probe).path("httpGet");
                    assertThat(get.path("path").asText()).as("%s %s %s path", overlay, name(c), probe).isEqualTo(path);
                    assertThat(resolvePort(List.of(c), get.path("port"))).as("%s %s %s port %s is declared by the container",
                            overlay, name(c), probe, get.path("port")).isNotNull();
                });
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyContainerHasCpuAndMemoryRequestsAndLimitsWithRequestsWithinLimits(String overlay) {
        for (JsonNode w : workloads(rendered(overlay))) {
            for (JsonNode c : containers(w)) {
                JsonNode resources = c.path("resources");
                for (String resource : List.of("cpu", "memory")) {
                    String request = resources.path("requests").path(resource).asText("");
                    String limit = resources.path("limits").path(resource).asText("");
                    assertThat(request).as("%s %s requests.%s", overlay, name(c), resource).isNotEmpty();
                    assertThat(limit).as("%s %s limits.%s", overlay, name(c), resource).isNotEmpty();
                    assertThat(quantity(request)).as("%s %s %s request <= limit", overlay, name(c), resource).isLessThanOrEqualTo(quantity(limit));
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyContainerRunsAsNonRootWithoutPrivilegeEscalationOnAReadOnlyRootFilesystem(String overlay) {
        for (JsonNode w : workloads(rendered(overlay))) {
            JsonNode pod = w.path("spec").path("template").path("spec");
            assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).as("%s %s runAsNonRoot", overlay, name(w)).isTrue();
            assertThat(pod.path("securityContext").path("seccompProfile").path("type").asText()).as("%s %s seccomp", overlay, name(w))
                    .isEqualTo("RuntimeDefault");
            for (JsonNode c : containers(w)) {
                JsonNode sc = c.path("securityContext");
                assertThat(sc.path("allowPrivilegeEscalation").isBoolean() && !sc.path("allowPrivilegeEscalation").asBoolean())
                        .as("%s %s allowPrivilegeEscalation false", overlay, name(c)).isTrue();
                assertThat(sc.path("readOnlyRootFilesystem").asBoolean()).as("%s %s readOnlyRootFilesystem", overlay, name(c)).isTrue();
                assertThat(texts(sc.path("capabilities").path("drop"))).as("%s %s drops all capabilities", overlay, name(c)).contains("ALL");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyImageIsPinnedToAReleaseTag(String overlay) {
        for (JsonNode w : workloads(rendered(overlay))) {
            for (JsonNode c : containers(w)) {
                String image = c.path("image").asText();
                String tag = image.contains("@") ? image.substring(image.indexOf('@') + 1)
                        : image.lastIndexOf(':') > image.lastIndexOf('/') ? image.substring(image.lastIndexOf(':') + 1) : "";
                assertThat(tag).as("%s %s image %s has a tag or digest other than latest", overlay, name(c), image)
                        .isNotEmpty().isNotEqualTo("latest");
            }
        }
    }

    // ------------------------------------------------------------------ consistency with the services

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void containerHttpPortIsTheServicesQuarkusHttpPortOnAllInterfaces(String overlay) {
        for (JsonNode w : workloads(rendered(overlay))) {
            for (JsonNode c : containers(w)) {
                Properties properties = applicationProperties(name(c));
                Map<String, String> env = literalEnv(c);
                int httpPort = Integer.parseInt(env.getOrDefault("QUARKUS_HTTP_PORT", properties.getProperty("quarkus.http.port")));
                assertThat(resolvePort(List.of(c), YAML.getNodeFactory().textNode("http")))
                        .as("%s %s: container port 'http' equals quarkus.http.port of %s", overlay, name(c), name(c)).isEqualTo(httpPort);
                assertThat(env.get("QUARKUS_HTTP_HOST")).as("%s %s listens on the pod's interfaces (quarkus.http.host defaults to loopback)",
                        overlay, name(c)).isEqualTo("0.0.0.0");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void configEnvVarsMapToConfigKeysTheServiceDeclares(String overlay) {
        int checked = 0;
        for (JsonNode w : workloads(rendered(overlay))) {
            for (JsonNode c : containers(w)) {
                Set<String> envNamesOfKeys = knownConfigKeys(name(c)).stream().map(KubernetesManifestsTest::envName).collect(Collectors.toSet());
                List<String> names = envNames(c);
                for (int i = 0; i < names.size(); i++) {
                    String var = names.get(i);
                    if (CONFIG_PREFIXES.stream().anyMatch(var::startsWith)) {
                        assertThat(envNamesOfKeys).as("%s %s: env %s maps (MicroProfile Config env rules) to a key of application.properties, "
                                + "a @ConfigMapping of the service or a known Quarkus key", overlay, name(c), var).contains(var);
                        checked++;
                    } else if (!JVM_VARIABLES.contains(var)) {
                        String reference = "$(" + var + ")";
                        boolean usedLater = envValues(c).subList(i + 1, names.size()).stream().anyMatch(v -> v.contains(reference));
                        assertThat(usedLater).as("%s %s: env %s is neither a config key nor used by a later env var", overlay, name(c), var).isTrue();
                    }
                }
            }
        }
        assertThat(checked).as("config env vars checked").isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void envVarReferencesNameVariablesDefinedEarlierInTheSameContainer(String overlay) {
        for (JsonNode w : workloads(rendered(overlay))) {
            for (JsonNode c : containers(w)) {
                List<String> names = envNames(c);
                List<String> values = envValues(c);
                for (int i = 0; i < names.size(); i++) {
                    Matcher m = ENV_REFERENCE.matcher(values.get(i));
                    while (m.find()) {
                        assertThat(names.subList(0, i)).as("%s %s: %s refers to $(%s), which Kubernetes expands only if defined before it",
                                overlay, name(c), names.get(i), m.group(1)).contains(m.group(1));
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void referencedSecretsAndConfigMapsExistWithTheirKeysOrAreGeneratedByCloudNativePg(String overlay) {
        List<JsonNode> docs = rendered(overlay);
        Set<String> clusters = names(ofKind(docs, "Cluster"));
        for (JsonNode w : workloads(docs)) {
            JsonNode pod = w.path("spec").path("template").path("spec");
            Set<String> volumes = new LinkedHashSet<>();
            for (JsonNode v : pod.path("volumes")) {
                volumes.add(name(v));
                if (v.has("secret")) {
                    assertThat(find(docs, "Secret", v.path("secret").path("secretName").asText())).as("%s %s volume %s", overlay, name(w), name(v)).isNotNull();
                }
                if (v.has("configMap")) {
                    assertThat(find(docs, "ConfigMap", v.path("configMap").path("name").asText())).as("%s %s volume %s", overlay, name(w), name(v)).isNotNull();
                }
            }
            for (JsonNode c : containers(w)) {
                for (JsonNode mount : c.path("volumeMounts")) {
                    assertThat(volumes).as("%s %s mounts a declared volume", overlay, name(c)).contains(name(mount));
                }
                for (JsonNode e : c.path("env")) {
                    JsonNode secretRef = e.path("valueFrom").path("secretKeyRef");
                    JsonNode configMapRef = e.path("valueFrom").path("configMapKeyRef");
                    if (!secretRef.isMissingNode()) {
                        String secret = name(secretRef);
                        String key = secretRef.path("key").asText();
                        String cluster = secret.endsWith("-app") ? secret.substring(0, secret.length() - 4) : null;
                        if (cluster != null && clusters.contains(cluster)) {
                            assertThat(CNPG_APP_SECRET_KEYS).as("%s %s env %s: key of CloudNativePG's %s", overlay, name(c), name(e), secret).contains(key);
                        } else {
                            assertThat(dataKeys(find(docs, "Secret", secret))).as("%s %s env %s: Secret %s", overlay, name(c), name(e), secret).contains(key);
                        }
                    }
                    if (!configMapRef.isMissingNode()) {
                        assertThat(dataKeys(find(docs, "ConfigMap", name(configMapRef)))).as("%s %s env %s", overlay, name(c), name(e))
                                .contains(configMapRef.path("key").asText());
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void filesTheConfigurationNamesAreMountedFromASecretOrConfigMapThatHoldsThem(String overlay) {
        List<JsonNode> docs = rendered(overlay);
        int checked = 0;
        for (JsonNode w : workloads(docs)) {
            for (JsonNode c : containers(w)) {
                for (JsonNode e : c.path("env")) {
                    String value = e.has("value") ? e.get("value").asText() : e.path("valueFrom").has("configMapKeyRef")
                            ? dataValue(find(docs, "ConfigMap", name(e.path("valueFrom").path("configMapKeyRef"))),
                                    e.path("valueFrom").path("configMapKeyRef").path("key").asText())
                            : null;
                    if (value == null || !(value.startsWith("/") || value.startsWith("file:/"))) {
                        continue;
                    }
                    Path file = Path.of(value.startsWith("file:") ? value.substring(5) : value);
                    JsonNode mount = null;
                    for (JsonNode m : c.path("volumeMounts")) {
                        if (file.getParent().equals(Path.of(m.path("mountPath").asText()))) {
                            mount = m;
                        }
                    }
                    assertThat(mount).as("%s %s env %s=%s: its directory is a volume mount", overlay, name(c), name(e), value).isNotNull();
                    JsonNode volume = null;
                    for (JsonNode v : w.path("spec").path("template").path("spec").path("volumes")) {
                        if (name(v).equals(name(mount))) {
                            volume = v;
                        }
                    }
                    JsonNode source = volume.has("secret") ? find(docs, "Secret", volume.path("secret").path("secretName").asText())
                            : find(docs, "ConfigMap", volume.path("configMap").path("name").asText());
                    assertThat(dataKeys(source)).as("%s %s env %s=%s: volume %s holds the file", overlay, name(c), name(e), value, name(volume))
                            .contains(file.getFileName().toString());
                    checked++;
                }
            }
        }
        assertThat(checked).as("mounted files checked").isPositive();
    }

    // ------------------------------------------------------------------ the notary

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void notaryStatefulSetIsGovernedByTheHeadlessServiceItsHazelcastDiscoveryLooksUp(String overlay) {
        List<JsonNode> docs = rendered(overlay);
        List<JsonNode> statefulSets = ofKind(docs, "StatefulSet");
        assertThat(names(statefulSets)).as(overlay).contains("notary-service");
        for (JsonNode sts : statefulSets) {
            JsonNode headless = find(docs, "Service", sts.path("spec").path("serviceName").asText());
            assertThat(headless).as("%s %s serviceName names a Service", overlay, name(sts)).isNotNull();
            assertThat(headless.path("spec").path("clusterIP").asText()).as("%s %s is headless", overlay, name(headless)).isEqualTo("None");
            assertThat(labelsMatch(headless.path("spec").path("selector"), podLabels(sts))).as("%s %s selects %s's pods", overlay,
                    name(headless), name(sts)).isTrue();
            assertThat(headless.path("spec").path("publishNotReadyAddresses").asBoolean())
                    .as("%s %s lists members before they are ready (readiness needs a formed cluster)", overlay, name(headless)).isTrue();
        }
        JsonNode notary = find(docs, "StatefulSet", "notary-service");
        JsonNode container = containers(notary).get(0);
        Map<String, String> env = literalEnv(container);
        Properties properties = applicationProperties("notary-service");
        assertThat(env.get("TRADENET_NOTARY_HAZELCAST_KUBERNETES_DISCOVERY")).as("%s Kubernetes discovery on", overlay).isEqualTo("true");
        assertThat(env.getOrDefault("TRADENET_NOTARY_HAZELCAST_KUBERNETES_SERVICE_NAME", "notary-hazelcast"))
                .as("%s the DNS name Hazelcast looks up is the StatefulSet's headless Service", overlay)
                .isEqualTo(notary.path("spec").path("serviceName").asText());
        assertThat(envSource(container, "TRADENET_NOTARY_HAZELCAST_BIND_ADDRESS").path("fieldRef").path("fieldPath").asText())
                .as("%s members bind to the pod IP", overlay).isEqualTo("status.podIP");
        int memberPort = Integer.parseInt(env.getOrDefault("TRADENET_NOTARY_HAZELCAST_PORT", properties.getProperty("tradenet.notary.hazelcast.port")));
        assertThat(resolvePort(List.of(container), YAML.getNodeFactory().textNode("hazelcast"))).as("%s container port 'hazelcast'", overlay)
                .isEqualTo(memberPort);
        JsonNode headless = find(docs, "Service", notary.path("spec").path("serviceName").asText());
        List<Integer> published = new ArrayList<>();
        for (JsonNode port : headless.path("spec").path("ports")) {
            published.add(port.path("port").asInt());
            assertThat(resolvePort(List.of(container), port.has("targetPort") ? port.get("targetPort") : port.get("port"))).isEqualTo(memberPort);
        }
        assertThat(published).as("%s the headless Service publishes the member port Hazelcast's DNS discovery dials", overlay).contains(memberPort);
        assertThat(env.get("TRADENET_NOTARY_HAZELCAST_KUBERNETES_MEMBERS"))
                .as("%s the members the notary computes its majority from are the StatefulSet's replicas", overlay)
                .isEqualTo(Integer.toString(notary.path("spec").path("replicas").asInt(1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void notaryDisruptionBudgetSelectsTheNotaryPodsAndKeepsAMajorityOfMembers(String overlay) {
        List<JsonNode> docs = rendered(overlay);
        for (JsonNode sts : ofKind(docs, "StatefulSet")) {
            List<JsonNode> budgets = ofKind(docs, "PodDisruptionBudget").stream()
                    .filter(p -> labelsMatch(p.path("spec").path("selector"), podLabels(sts))).toList();
            assertThat(budgets).as("%s a PodDisruptionBudget selects %s's pods", overlay, name(sts)).hasSize(1);
            JsonNode budget = budgets.get(0);
            int replicas = sts.path("spec").path("replicas").asInt(1);
            assertThat(budget.path("spec").path("maxUnavailable").isInt()).as("%s %s uses an absolute maxUnavailable", overlay, name(budget)).isTrue();
            int maxUnavailable = budget.path("spec").path("maxUnavailable").asInt();
            assertThat(maxUnavailable).as("%s %s", overlay, name(budget)).isPositive();
            if (replicas >= 3) {
                assertThat(replicas - maxUnavailable).as("%s %s: members left during a voluntary disruption form a majority of %d",
                        overlay, name(budget), replicas).isGreaterThanOrEqualTo(replicas / 2 + 1);
            }
        }
        for (JsonNode pdb : ofKind(docs, "PodDisruptionBudget")) {
            assertThat(workloads(docs).stream().anyMatch(w -> labelsMatch(pdb.path("spec").path("selector"), podLabels(w))))
                    .as("%s PodDisruptionBudget %s selects some workload's pods", overlay, name(pdb)).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void notaryMembersOfAMajorityClusterRunOnDistinctNodes(String overlay) {
        JsonNode notary = find(rendered(overlay), "StatefulSet", "notary-service");
        if (notary.path("spec").path("replicas").asInt(1) < 3) {
            return; // no majority to protect
        }
        boolean spread = false;
        for (JsonNode constraint : notary.path("spec").path("template").path("spec").path("topologySpreadConstraints")) {
            spread |= constraint.path("topologyKey").asText().equals("kubernetes.io/hostname") && constraint.path("maxSkew").asInt() == 1
                    && constraint.path("whenUnsatisfiable").asText().equals("DoNotSchedule")
                    && labelsMatch(constraint.path("labelSelector"), podLabels(notary));
        }
        assertThat(spread).as("%s: one node failure takes at most one notary member (hostname spread, DoNotSchedule)", overlay).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void ledgerRunsAsASingleWriterNeverTwoAtOnce(String overlay) {
        JsonNode ledger = find(rendered(overlay), "Deployment", "ledger-service");
        assertThat(ledger).as(overlay).isNotNull();
        assertThat(ledger.path("spec").path("replicas").asInt(1)).as("%s ledger replicas", overlay).isEqualTo(1);
        assertThat(ledger.path("spec").path("strategy").path("type").asText()).as("%s ledger update strategy", overlay).isEqualTo("Recreate");
    }

    // ------------------------------------------------------------------ monitoring

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void serviceMonitorsScrapeQuarkusMetricsOnAPortOfEveryApiService(String overlay) {
        List<JsonNode> docs = rendered(overlay);
        List<JsonNode> monitors = ofKind(docs, "ServiceMonitor");
        assertThat(monitors).as(overlay).isNotEmpty();
        Set<String> scraped = new TreeSet<>();
        for (JsonNode monitor : monitors) {
            assertThat(monitor.path("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
            List<JsonNode> selected = ofKind(docs, "Service").stream()
                    .filter(s -> labelsMatch(monitor.path("spec").path("selector"), s.path("metadata").path("labels"))).toList();
            assertThat(selected).as("%s ServiceMonitor %s selects some Service", overlay, name(monitor)).isNotEmpty();
            for (JsonNode endpoint : monitor.path("spec").path("endpoints")) {
                assertThat(endpoint.path("path").asText()).as("%s %s path", overlay, name(monitor)).isEqualTo("/q/metrics");
                for (JsonNode service : selected) {
                    Set<String> portNames = new TreeSet<>();
                    service.path("spec").path("ports").forEach(p -> portNames.add(name(p)));
                    assertThat(portNames).as("%s ServiceMonitor %s endpoint port on Service %s", overlay, name(monitor), name(service))
                            .contains(endpoint.path("port").asText());
                    scraped.add(name(service));
                }
            }
        }
        for (JsonNode service : ofKind(docs, "Service")) {
            boolean http = false;
            for (JsonNode p : service.path("spec").path("ports")) {
                http |= name(p).equals("http");
            }
            if (http) {
                assertThat(scraped).as("%s Service %s serves HTTP and is scraped", overlay, name(service)).contains(name(service));
            }
        }
    }

    // ------------------------------------------------------------------ network policies

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void networkPoliciesSelectExistingPodsAndNamePortsThosePodsDeclare(String overlay) {
        List<JsonNode> docs = rendered(overlay);
        List<Pod> pods = pods(docs);
        String ns = namespace(docs);
        for (JsonNode policy : ofKind(docs, "NetworkPolicy")) {
            List<Pod> selected = pods.stream().filter(p -> labelsMatch(policy.path("spec").path("podSelector"), p.labels)).toList();
            assertThat(selected).as("%s NetworkPolicy %s selects existing pods", overlay, name(policy)).isNotEmpty();
            for (String direction : List.of("ingress", "egress")) {
                for (JsonNode rule : policy.path("spec").path(direction)) {
                    for (JsonNode peer : rule.path(direction.equals("ingress") ? "from" : "to")) {
                        if (!peer.has("namespaceSelector") && peer.has("podSelector")) {
                            assertThat(pods.stream().anyMatch(p -> p.namespace.equals(ns) && labelsMatch(peer.path("podSelector"), p.labels)))
                                    .as("%s NetworkPolicy %s %s peer %s selects existing pods", overlay, name(policy), direction, peer).isTrue();
                        }
                    }
                    for (JsonNode port : rule.path("ports")) {
                        if (port.path("port").isTextual() && direction.equals("ingress")) {
                            assertThat(selected.stream().allMatch(p -> p.namedPorts.containsKey(port.path("port").asText())))
                                    .as("%s NetworkPolicy %s: every selected pod declares port %s", overlay, name(policy), port.path("port")).isTrue();
                        }
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void networkPoliciesDenyByDefaultAndAllowExactlyTheFlowsTheDesignNeeds(String overlay) {
        List<JsonNode> docs = rendered(overlay);
        String ns = namespace(docs);
        List<JsonNode> policies = new ArrayList<>(ofKind(docs, "NetworkPolicy"));
        policies.addAll(strimziListenerPolicies(docs));
        List<Pod> pods = pods(docs);
        Map<String, Pod> services = new LinkedHashMap<>();
        for (JsonNode w : workloads(docs)) {
            services.put(name(w), pods.stream().filter(p -> p.name.equals(name(w))).findFirst().orElseThrow());
        }
        Pod ingressController = new Pod("ingress-controller", "ingress-nginx", Map.of("app.kubernetes.io/name", "ingress-nginx"), Map.of());
        Pod dns = new Pod("kube-dns", "kube-system", Map.of("k8s-app", "kube-dns"), Map.of());
        Pod outside = new Pod("somewhere", "elsewhere", Map.of(), Map.of());
        Pod cnpgOperator = new Pod("cnpg-operator", "cnpg-system", Map.of("app.kubernetes.io/name", "cloudnative-pg"), Map.of());
        List<Pod> brokers = pods.stream().filter(p -> p.labels.containsKey("strimzi.io/pool-name")).toList();
        assertThat(brokers).as("%s Kafka nodes", overlay).isNotEmpty();

        for (JsonNode w : workloads(docs)) {
            Pod pod = services.get(name(w));
            JsonNode c = containers(w).get(0);
            int http = pod.namedPorts.get("http");
            assertThat(allowed(policies, ns, ingressController, pod, http, "TCP")).as("%s clients reach %s's HTTP port", overlay, pod.name).isTrue();
            assertThat(allowed(policies, ns, outside, pod, 5701, "TCP")).as("%s nothing else reaches %s", overlay, pod.name).isFalse();
            assertThat(allowed(policies, ns, pod, dns, 53, "UDP")).as("%s %s resolves names", overlay, pod.name).isTrue();
            assertThat(allowed(policies, ns, pod, outside, 443, "TCP")).as("%s %s opens no other connection", overlay, pod.name).isFalse();
            // Kafka, through the bootstrap listener's port
            int kafkaPort = Integer.parseInt(literalEnv(c).get("KAFKA_BOOTSTRAP_SERVERS").replaceAll(".*:", ""));
            for (Pod broker : brokers) {
                assertThat(allowed(policies, ns, pod, broker, kafkaPort, "TCP")).as("%s %s -> Kafka %s:%d", overlay, pod.name, broker.name, kafkaPort).isTrue();
            }
            // its own database, and no other
            String ownCluster = databaseCluster(c);
            for (JsonNode cluster : ofKind(docs, "Cluster")) {
                Pod instance = pods.stream().filter(p -> name(cluster).equals(p.labels.get("cnpg.io/cluster"))).findFirst().orElseThrow();
                assertThat(allowed(policies, ns, pod, instance, 5432, "TCP")).as("%s %s -> PostgreSQL %s", overlay, pod.name, name(cluster))
                        .isEqualTo(name(cluster).equals(ownCluster));
            }
            // services talk to each other only through Kafka; notary members also talk Hazelcast to each other
            for (Pod other : services.values()) {
                for (int port : other.namedPorts.values()) {
                    boolean expected = other == pod && pod.namedPorts.containsKey("hazelcast") && port == pod.namedPorts.get("hazelcast");
                    assertThat(allowed(policies, ns, pod, other, port, "TCP")).as("%s %s -> %s:%d", overlay, pod.name, other.name, port).isEqualTo(expected);
                }
            }
        }
        for (JsonNode cluster : ofKind(docs, "Cluster")) {
            Pod instance = pods.stream().filter(p -> name(cluster).equals(p.labels.get("cnpg.io/cluster"))).findFirst().orElseThrow();
            assertThat(allowed(policies, ns, cnpgOperator, instance, 8000, "TCP")).as("%s operator -> %s status", overlay, name(cluster)).isTrue();
            assertThat(allowed(policies, ns, instance, instance, 5432, "TCP")).as("%s %s replication", overlay, name(cluster)).isTrue();
            assertThat(allowed(policies, ns, outside, instance, 5432, "TCP")).as("%s outside -> %s", overlay, name(cluster)).isFalse();
        }
    }

    // ------------------------------------------------------------------ Kafka (Strimzi)

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyTopicConstantHasAKafkaTopicAndEveryKafkaTopicIsATopicConstant(String overlay) throws IllegalAccessException {
        Set<String> constants = topicConstants();
        assertThat(constants).contains(Topics.NOTARISED_TRANSACTIONS, Topics.LEDGER_AUDIT);
        Set<String> declared = new TreeSet<>(kafkaTopics(rendered(overlay)).keySet());
        assertThat(declared).as("%s KafkaTopics vs io.tradenet.contract.messaging.Topics", overlay).isEqualTo(constants);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void topicReplicationFitsTheBrokersAndIsThreeWithMinInSyncTwoWhereThereAreThree(String overlay) {
        List<JsonNode> docs = rendered(overlay);
        int brokers = 0;
        for (JsonNode pool : ofKind(docs, "KafkaNodePool")) {
            if (texts(pool.path("spec").path("roles")).contains("broker")) {
                brokers += pool.path("spec").path("replicas").asInt();
            }
        }
        assertThat(brokers).as(overlay).isPositive();
        for (Map.Entry<String, JsonNode> topic : kafkaTopics(docs).entrySet()) {
            int replicas = topic.getValue().path("spec").path("replicas").asInt();
            int minIsr = topic.getValue().path("spec").path("config").path("min.insync.replicas").asInt(1);
            assertThat(replicas).as("%s %s replicas <= %d brokers", overlay, topic.getKey(), brokers).isBetween(1, brokers);
            assertThat(minIsr).as("%s %s min.insync.replicas", overlay, topic.getKey()).isBetween(1, replicas);
            if (brokers >= 3) {
                assertThat(replicas).as("%s %s replicas", overlay, topic.getKey()).isGreaterThanOrEqualTo(3);
                assertThat(minIsr).as("%s %s min.insync.replicas", overlay, topic.getKey()).isGreaterThanOrEqualTo(2).isLessThan(replicas);
            }
        }
        for (JsonNode kafka : ofKind(docs, "Kafka")) {
            JsonNode config = kafka.path("spec").path("kafka").path("config");
            for (String factor : List.of("default.replication.factor", "offsets.topic.replication.factor", "transaction.state.log.replication.factor")) {
                assertThat(config.path(factor).asInt()).as("%s %s", overlay, factor).isBetween(1, brokers);
            }
            assertThat(config.path("auto.create.topics.enable").asText()).as("%s topics exist only as KafkaTopics", overlay).isEqualTo("false");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void ledgerSourceAndAuditTopicsAreNeverDeletedByRetentionAndKeepOneTotalOrder(String overlay) {
        Map<String, JsonNode> topics = kafkaTopics(rendered(overlay));
        for (String name : List.of(Topics.NOTARISED_TRANSACTIONS, Topics.NOTARISED_TRANSACTIONS_DLQ, Topics.LEDGER_AUDIT)) {
            JsonNode config = topics.get(name).path("spec").path("config");
            assertThat(config.path("retention.ms").asText()).as("%s %s retention.ms", overlay, name).isEqualTo("-1");
            assertThat(config.path("retention.bytes").asText()).as("%s %s retention.bytes", overlay, name).isEqualTo("-1");
            assertThat(config.path("cleanup.policy").asText("delete")).as("%s %s is not compacted", overlay, name).doesNotContain("compact");
        }
        for (String name : List.of(Topics.NOTARISED_TRANSACTIONS, Topics.LEDGER_AUDIT)) {
            assertThat(topics.get(name).path("spec").path("partitions").asInt()).as("%s %s partitions", overlay, name).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void strimziResourcesBelongToTheKafkaTheServicesBootstrapFrom(String overlay) {
        List<JsonNode> docs = rendered(overlay);
        Set<String> kafkas = names(ofKind(docs, "Kafka"));
        assertThat(kafkas).as(overlay).hasSize(1);
        JsonNode kafka = ofKind(docs, "Kafka").get(0);
        assertThat(kafka.path("apiVersion").asText()).isEqualTo("kafka.strimzi.io/v1beta2");
        for (JsonNode doc : docs) {
            if (List.of("KafkaTopic", "KafkaNodePool").contains(kind(doc))) {
                assertThat(doc.path("apiVersion").asText()).isEqualTo("kafka.strimzi.io/v1beta2");
                assertThat(kafkas).as("%s %s %s strimzi.io/cluster", overlay, kind(doc), name(doc))
                        .contains(doc.path("metadata").path("labels").path("strimzi.io/cluster").asText());
            }
        }
        Set<String> bootstraps = new TreeSet<>();
        for (JsonNode listener : kafka.path("spec").path("kafka").path("listeners")) {
            if (!listener.path("tls").asBoolean() && listener.path("type").asText().equals("internal")) {
                bootstraps.add(name(kafka) + "-kafka-bootstrap:" + listener.path("port").asInt());
            }
            for (JsonNode peer : listener.path("networkPolicyPeers")) {
                for (JsonNode w : workloads(docs)) {
                    assertThat(labelsMatch(peer.path("podSelector"), podLabels(w)))
                            .as("%s listener %s admits %s", overlay, name(listener), name(w)).isTrue();
                }
            }
        }
        for (JsonNode w : workloads(docs)) {
            for (JsonNode c : containers(w)) {
                assertThat(bootstraps).as("%s %s KAFKA_BOOTSTRAP_SERVERS", overlay, name(c)).contains(literalEnv(c).get("KAFKA_BOOTSTRAP_SERVERS"));
            }
        }
    }

    // ------------------------------------------------------------------ PostgreSQL (CloudNativePG)

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void eachServiceConnectsToItsOwnCloudNativePgClusterWithTheCredentialsItGenerated(String overlay) {
        List<JsonNode> docs = rendered(overlay);
        Set<String> used = new TreeSet<>();
        for (JsonNode w : workloads(docs)) {
            for (JsonNode c : containers(w)) {
                String cluster = databaseCluster(c);
                assertThat(find(docs, "Cluster", cluster)).as("%s %s uses CloudNativePG cluster %s", overlay, name(c), cluster).isNotNull();
                assertThat(used.add(cluster)).as("%s %s shares database cluster %s", overlay, name(c), cluster).isTrue();
                String secret = cluster + "-app";
                assertThat(resolvedEnv(c, "QUARKUS_DATASOURCE_PG_JDBC_URL")).as("%s %s JDBC URL", overlay, name(c))
                        .startsWith("jdbc:postgresql://{" + secret + "/host}:{" + secret + "/port}/{" + secret + "/dbname}");
                assertThat(resolvedEnv(c, "QUARKUS_DATASOURCE_PG_USERNAME")).isEqualTo("{" + secret + "/username}");
                assertThat(resolvedEnv(c, "QUARKUS_DATASOURCE_PG_PASSWORD")).isEqualTo("{" + secret + "/password}");
            }
        }
        for (JsonNode cluster : ofKind(docs, "Cluster")) {
            assertThat(cluster.path("apiVersion").asText()).isEqualTo("postgresql.cnpg.io/v1");
            JsonNode spec = cluster.path("spec");
            int instances = spec.path("instances").asInt();
            assertThat(instances).as("%s %s instances", overlay, name(cluster)).isPositive();
            assertThat(spec.path("bootstrap").path("initdb").path("secret").isMissingNode())
                    .as("%s %s: CloudNativePG generates the application credentials", overlay, name(cluster)).isTrue();
            int minSync = spec.path("minSyncReplicas").asInt(0);
            int maxSync = spec.path("maxSyncReplicas").asInt(0);
            assertThat(minSync).as("%s %s synchronous standbys", overlay, name(cluster)).isLessThanOrEqualTo(maxSync).isLessThan(instances);
            if (instances >= 3) {
                assertThat(minSync).as("%s %s: a commit is confirmed by a synchronous standby", overlay, name(cluster)).isGreaterThanOrEqualTo(1);
            }
        }
        assertThat(used).as("%s databases in use", overlay).isEqualTo(names(ofKind(docs, "Cluster")));
    }

    // ================================================================== helpers: services' configuration

    private static Properties applicationProperties(String service) {
        Path file = ROOT.resolve(service).resolve("src/main/resources/application.properties");
        assertThat(file).as("container %s is named after a service module", service).isRegularFile();
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    /** Keys of the service's application.properties (any profile), its and the shared contract's @ConfigMappings, and known Quarkus keys. */
    static Set<String> knownConfigKeys(String service) {
        Set<String> keys = new TreeSet<>(KNOWN_QUARKUS_KEYS);
        for (String key : applicationProperties(service).stringPropertyNames()) {
            keys.add(key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key);
        }
        for (Path sources : List.of(ROOT.resolve(service).resolve("src/main/java"), ROOT.resolve("trade-contract/src/main/java"))) {
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    keys.addAll(configMappingKeys(Files.readString(file)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return keys;
    }

    private static final Pattern CONFIG_MAPPING = Pattern.compile("@ConfigMapping\\s*\\(\\s*prefix\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern JAVA_TOKEN = Pattern.compile("interface\\s+(\\w+)[^{;]*\\{|([\\w.<>,?\\[\\] \\t]+?)\\s+(\\w+)\\s*\\(\\s*\\)\\s*;|\\{|\\}");

    /** The keys a SmallRye @ConfigMapping interface declares: prefix + nested group names + kebab-case method names. */
    static Set<String> configMappingKeys(String source) {
        Matcher mapping = CONFIG_MAPPING.matcher(source);
        if (!mapping.find()) {
            return Set.of();
        }
        String code = source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "").replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"");
        Map<String, List<String[]>> members = new LinkedHashMap<>();
        List<String> stack = new ArrayList<>();
        String top = null;
        Matcher m = JAVA_TOKEN.matcher(code);
        while (m.find()) {
            if (m.group(1) != null) {
                stack.add(m.group(1));
                members.putIfAbsent(m.group(1), new ArrayList<>());
                top = top == null ? m.group(1) : top;
            } else if (m.group(3) != null) {
                if (!stack.isEmpty() && !stack.get(stack.size() - 1).isEmpty()) {
                    String[] type = m.group(2).trim().split("\\s+");
                    members.get(stack.get(stack.size() - 1)).add(new String[] {type[type.length - 1], m.group(3)});
                }
            } else if (m.group().equals("{")) {
                stack.add("");
            } else if (!stack.isEmpty()) {
                stack.remove(stack.size() - 1);
            }
        }
        Set<String> keys = new TreeSet<>();
        if (top != null) {
            expand(mapping.group(1), top, members, keys);
        }
        return keys;
    }

    private static void expand(String prefix, String type, Map<String, List<String[]>> members, Set<String> keys) {
        for (String[] member : members.get(type)) {
            String key = prefix + "." + member[1].replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
            if (members.containsKey(member[0])) {
                expand(key, member[0], members, keys);
            } else {
                keys.add(key);
            }
        }
    }

    /** MicroProfile Config: the environment variable name of a key (non-alphanumerics to '_', upper case). */
    static String envName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
    }

    private static Set<String> topicConstants() throws IllegalAccessException {
        Set<String> topics = new TreeSet<>();
        for (Field field : Topics.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class && !field.getName().startsWith("TYPE_")) {
                topics.add((String) field.get(null));
            }
        }
        return topics;
    }

    // ================================================================== helpers: manifests

    private static String kind(JsonNode doc) {
        return doc.path("kind").asText();
    }

    private static String name(JsonNode node) {
        return node.has("metadata") ? node.path("metadata").path("name").asText() : node.path("name").asText();
    }

    private static Set<String> kinds(List<JsonNode> docs) {
        return docs.stream().map(KubernetesManifestsTest::kind).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> names(List<JsonNode> docs) {
        return docs.stream().map(KubernetesManifestsTest::name).collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<JsonNode> ofKind(List<JsonNode> docs, String kind) {
        return docs.stream().filter(d -> kind(d).equals(kind)).toList();
    }

    private static JsonNode find(List<JsonNode> docs, String kind, String name) {
        return docs.stream().filter(d -> kind(d).equals(kind) && name(d).equals(name)).findFirst().orElse(null);
    }

    private static String namespace(List<JsonNode> docs) {
        return ofKind(docs, "Namespace").stream().map(KubernetesManifestsTest::name).findFirst().orElse("default");
    }

    private static List<JsonNode> workloads(List<JsonNode> docs) {
        return docs.stream().filter(d -> kind(d).equals("Deployment") || kind(d).equals("StatefulSet")).toList();
    }

    private static JsonNode podLabels(JsonNode workload) {
        return workload.path("spec").path("template").path("metadata").path("labels");
    }

    private static List<JsonNode> containers(JsonNode workload) {
        List<JsonNode> containers = new ArrayList<>();
        workload.path("spec").path("template").path("spec").path("containers").forEach(containers::add);
        return containers;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    private static Set<String> dataKeys(JsonNode secretOrConfigMap) {
        assertThat(secretOrConfigMap).as("referenced Secret or ConfigMap exists").isNotNull();
        Set<String> keys = new TreeSet<>();
        for (String section : List.of("data", "stringData", "binaryData")) {
            secretOrConfigMap.path(section).fieldNames().forEachRemaining(keys::add);
        }
        return keys;
    }

    private static String dataValue(JsonNode configMap, String key) {
        assertThat(configMap).as("referenced ConfigMap exists").isNotNull();
        return configMap.path("data").path(key).asText(null);
    }

    /** A container port (number) that a probe or Service port (name or number) resolves to, or null. */
    private static Integer resolvePort(List<JsonNode> containers, JsonNode port) {
        for (JsonNode c : containers) {
            for (JsonNode p : c.path("ports")) {
                if (port.isTextual() && !port.asText().matches("\\d+") ? name(p).equals(port.asText()) : p.path("containerPort").asInt() == port.asInt()) {
                    return p.path("containerPort").asInt();
                }
            }
        }
        return null;
    }

    private static List<String> envNames(JsonNode container) {
        List<String> names = new ArrayList<>();
        container.path("env").forEach(e -> names.add(e.path("name").asText()));
        return names;
    }

    private static List<String> envValues(JsonNode container) {
        List<String> values = new ArrayList<>();
        container.path("env").forEach(e -> values.add(e.path("value").asText("")));
        return values;
    }

    private static Map<String, String> literalEnv(JsonNode container) {
        Map<String, String> env = new HashMap<>();
        container.path("env").forEach(e -> {
            if (e.has("value")) {
                env.put(e.path("name").asText(), e.path("value").asText());
            }
        });
        return env;
    }

    private static JsonNode envSource(JsonNode container, String name) {
        for (JsonNode e : container.path("env")) {
            if (e.path("name").asText().equals(name)) {
                return e.path("valueFrom");
            }
        }
        return MissingNode.getInstance();
    }

    /** An env var's value with $(VAR) references expanded; a secret key reference reads {secret/key}. */
    private static String resolvedEnv(JsonNode container, String name) {
        Map<String, String> resolved = new LinkedHashMap<>();
        for (JsonNode e : container.path("env")) {
            String value;
            JsonNode secret = e.path("valueFrom").path("secretKeyRef");
            if (!secret.isMissingNode()) {
                value = "{" + name(secret) + "/" + secret.path("key").asText() + "}";
            } else {
                Matcher m = ENV_REFERENCE.matcher(e.path("value").asText(""));
                StringBuilder out = new StringBuilder();
                while (m.find()) {
                    m.appendReplacement(out, Matcher.quoteReplacement(resolved.getOrDefault(m.group(1), m.group())));
                }
                m.appendTail(out);
                value = out.toString();
            }
            resolved.put(e.path("name").asText(), value);
        }
        assertThat(resolved).as("%s sets %s", name(container), name).containsKey(name);
        return resolved.get(name);
    }

    /** The CloudNativePG cluster whose generated secret the container reads its database credentials from. */
    private static String databaseCluster(JsonNode container) {
        String password = resolvedEnv(container, "QUARKUS_DATASOURCE_PG_PASSWORD");
        Matcher m = Pattern.compile("\\{(.+)-app/password}").matcher(password);
        assertThat(m.matches()).as("%s reads its database password from a CloudNativePG <cluster>-app secret", name(container)).isTrue();
        return m.group(1);
    }

    private static Map<String, JsonNode> kafkaTopics(List<JsonNode> docs) {
        Map<String, JsonNode> topics = new LinkedHashMap<>();
        for (JsonNode topic : ofKind(docs, "KafkaTopic")) {
            topics.put(topic.path("spec").path("topicName").asText(name(topic)), topic);
        }
        return topics;
    }

    /** CPU or memory quantity in base units (cores, bytes). */
    static double quantity(String q) {
        Matcher m = Pattern.compile("([0-9.]+)(m|Ki|Mi|Gi|Ti|k|M|G|T)?").matcher(q);
        assertThat(m.matches()).as("quantity %s", q).isTrue();
        double value = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "" : m.group(2);
        return value * switch (unit) {
            case "m" -> 0.001;
            case "Ki" -> 1024.0;
            case "Mi" -> 1024.0 * 1024;
            case "Gi" -> 1024.0 * 1024 * 1024;
            case "Ti" -> 1024.0 * 1024 * 1024 * 1024;
            case "k" -> 1e3;
            case "M" -> 1e6;
            case "G" -> 1e9;
            case "T" -> 1e12;
            default -> 1.0;
        };
    }

    // ================================================================== helpers: label selectors and network policy

    /** A label selector (matchLabels / matchExpressions, or a plain map as in a Service) that selects something and matches these labels. */
    private static boolean labelsMatch(JsonNode selector, JsonNode labels) {
        Map<String, String> map = new HashMap<>();
        labels.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return selector.size() > 0 && selects(selector, map);
    }

    private static boolean labelsMatch(JsonNode selector, Map<String, String> labels) {
        return selects(selector, labels);
    }

    private static boolean selects(JsonNode selector, JsonNode labels) {
        Map<String, String> map = new HashMap<>();
        labels.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return selects(selector, map);
    }

    /** Kubernetes label selector semantics; an empty selector selects everything. */
    private static boolean selects(JsonNode selector, Map<String, String> labels) {
        boolean structured = selector.has("matchLabels") || selector.has("matchExpressions");
        JsonNode matchLabels = structured ? selector.path("matchLabels") : selector;
        Iterator<Map.Entry<String, JsonNode>> it = matchLabels.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().asText().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        for (JsonNode expression : selector.path("matchExpressions")) {
            String value = labels.get(expression.path("key").asText());
            List<String> values = texts(expression.path("values"));
            boolean ok = switch (expression.path("operator").asText()) {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> throw new AssertionError("unknown selector operator " + expression);
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** A pod the manifests create, directly (workloads) or through an operator (CloudNativePG, Strimzi). */
    record Pod(String name, String namespace, Map<String, String> labels, Map<String, Integer> namedPorts) {
    }

    private static List<Pod> pods(List<JsonNode> docs) {
        String ns = namespace(docs);
        List<Pod> pods = new ArrayList<>();
        for (JsonNode w : workloads(docs)) {
            Map<String, String> labels = new HashMap<>();
            podLabels(w).fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
            Map<String, Integer> ports = new HashMap<>();
            for (JsonNode c : containers(w)) {
                c.path("ports").forEach(p -> ports.put(name(p), p.path("containerPort").asInt()));
            }
            pods.add(new Pod(name(w), ns, labels, ports));
        }
        for (JsonNode cluster : ofKind(docs, "Cluster")) {
            // the labels CloudNativePG puts on instance pods; PostgreSQL and the instance manager's status port
            pods.add(new Pod(name(cluster) + "-1", ns, Map.of("cnpg.io/cluster", name(cluster), "cnpg.io/podRole", "instance"),
                    Map.of("postgresql", 5432, "status", 8000)));
        }
        for (JsonNode pool : ofKind(docs, "KafkaNodePool")) {
            // the labels Strimzi puts on node pool pods (the pool's status.labelSelector); listener ports of the Kafka
            String cluster = pool.path("metadata").path("labels").path("strimzi.io/cluster").asText();
            Map<String, Integer> ports = new HashMap<>();
            JsonNode kafka = find(docs, "Kafka", cluster);
            if (kafka != null) {
                kafka.path("spec").path("kafka").path("listeners").forEach(l -> ports.put(name(l), l.path("port").asInt()));
            }
            pods.add(new Pod(cluster + "-" + name(pool) + "-0", ns, Map.of("strimzi.io/cluster", cluster, "strimzi.io/kind", "Kafka",
                    "strimzi.io/name", cluster + "-kafka", "strimzi.io/pool-name", name(pool)), ports));
        }
        return pods;
    }

    /** The ingress NetworkPolicy Strimzi generates for each listener: its port, from the listener's networkPolicyPeers (or anyone). */
    private static List<JsonNode> strimziListenerPolicies(List<JsonNode> docs) {
        List<JsonNode> policies = new ArrayList<>();
        for (JsonNode kafka : ofKind(docs, "Kafka")) {
            for (JsonNode listener : kafka.path("spec").path("kafka").path("listeners")) {
                Map<String, Object> rule = new LinkedHashMap<>();
                if (listener.has("networkPolicyPeers")) {
                    rule.put("from", listener.get("networkPolicyPeers"));
                }
                rule.put("ports", List.of(Map.of("protocol", "TCP", "port", listener.path("port").asInt())));
                policies.add(YAML.valueToTree(Map.of("kind", "NetworkPolicy", "metadata", Map.of("name", name(kafka) + "-network-policy-kafka"),
                        "spec", Map.of("podSelector", Map.of("matchLabels", Map.of("strimzi.io/cluster", name(kafka), "strimzi.io/name", name(kafka) + "-kafka")),
                                "policyTypes", List.of("Ingress"), "ingress", List.of(rule)))));
            }
        }
        return policies;
    }

    /** Whether the policies let {@code from} open a connection to {@code to} on this port and protocol. */
    static boolean allowed(List<JsonNode> policies, String namespace, Pod from, Pod to, int port, String protocol) {
        return side(policies, namespace, from, to, port, protocol, "Egress") && side(policies, namespace, to, from, port, protocol, "Ingress");
    }

    private static boolean side(List<JsonNode> policies, String namespace, Pod subject, Pod peer, int port, String protocol, String type) {
        if (!subject.namespace.equals(namespace)) {
            return true; // other namespaces' policies are not ours to model
        }
        Pod destination = type.equals("Egress") ? peer : subject;
        boolean isolated = false;
        for (JsonNode policy : policies) {
            JsonNode spec = policy.path("spec");
            if (!selects(spec.path("podSelector"), subject.labels)) {
                continue;
            }
            List<String> types = spec.has("policyTypes") ? texts(spec.path("policyTypes"))
                    : spec.has("egress") ? List.of("Ingress", "Egress") : List.of("Ingress");
            if (!types.contains(type)) {
                continue;
            }
            isolated = true;
            String direction = type.equals("Egress") ? "egress" : "ingress";
            for (JsonNode rule : spec.path(direction)) {
                JsonNode peers = rule.path(type.equals("Egress") ? "to" : "from");
                boolean peerOk = peers.isMissingNode() || peers.isEmpty();
                for (JsonNode p : peers) {
                    peerOk |= peerMatches(p, namespace, peer);
                }
                JsonNode ports = rule.path("ports");
                boolean portOk = ports.isMissingNode() || ports.isEmpty();
                for (JsonNode p : ports) {
                    boolean protocolOk = p.path("protocol").asText("TCP").equals(protocol);
                    JsonNode number = p.path("port");
                    boolean numberOk = number.isMissingNode() ? true : number.isTextual() && !number.asText().matches("\\d+")
                            ? Integer.valueOf(port).equals(destination.namedPorts.get(number.asText()))
                            : number.asInt() <= port && port <= p.path("endPort").asInt(number.asInt());
                    portOk |= protocolOk && numberOk;
                }
                if (peerOk && portOk) {
                    return true;
                }
            }
        }
        return !isolated;
    }

    private static boolean peerMatches(JsonNode peer, String policyNamespace, Pod pod) {
        if (peer.has("ipBlock")) {
            return false; // the modelled pods have no fixed addresses
        }
        if (peer.has("namespaceSelector")) {
            if (!selects(peer.path("namespaceSelector"), Map.of("kubernetes.io/metadata.name", pod.namespace))) {
                return false;
            }
        } else if (!pod.namespace.equals(policyNamespace)) {
            return false;
        }
        return !peer.has("podSelector") || selects(peer.path("podSelector"), pod.labels);
    }
}
