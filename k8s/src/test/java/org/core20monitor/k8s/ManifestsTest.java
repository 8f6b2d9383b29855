package org.core20monitor.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.core20monitor.flink.JobOptions;
import org.core20monitor.web.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every overlay under {@code overlays/} renders with {@code kubectl kustomize}, and what it renders keeps
 * the rules a deployment of Core20 Monitor must keep: probes and resources on every container, pinned
 * images whose Core20 tags are this build's version, a FlinkDeployment on the job's own Flink version
 * with savepoint upgrades and HA, no secret value anywhere, every reference resolvable, network
 * policies that let only the servers and the job reach Redis and only the job (and the feeds) reach
 * Kafka, and settings the server and the job accept as they would at start-up.
 */
class ManifestsTest {

    private static final String VERSION = System.getProperty("core20.version");
    private static final String FLINK_VERSION = System.getProperty("flink.version");
    private static final Path OVERLAYS = Path.of("overlays");
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(password|secret|token|credential|private|_key$|apikey).*");
    private static final Map<String, Rendered> RENDERED = new ConcurrentHashMap<>();

    static Stream<String> overlays() throws IOException {
        try (Stream<Path> dirs = Files.list(OVERLAYS)) {
            List<String> names = dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
            assertThat(names).contains("dev", "prod");
            return names.stream();
        }
    }

    private static Rendered render(String overlay) {
        return RENDERED.computeIfAbsent(overlay, o -> {
            try {
                return Rendered.overlay(OVERLAYS.resolve(o));
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyResourceIsInTheOverlaysNamespace(String overlay) {
        Rendered r = render(overlay);
        assertThat(r.resources()).hasSizeGreaterThan(20);
        String namespace = r.resources().get(0).path("metadata").path("namespace").asText();
        assertThat(namespace).startsWith("core20");
        assertThat(r.resources()).allSatisfy(res ->
                assertThat(res.path("metadata").path("namespace").asText()).as(Rendered.name(res)).isEqualTo(namespace));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyContainerHasProbesAndResources(String overlay) {
        Rendered r = render(overlay);
        for (String kind : List.of("Deployment", "StatefulSet")) {
            r.ofKind(kind).forEach(workload -> {
                for (JsonNode c : workload.path("spec").path("template").path("spec").path("containers")) {
                    String what = Rendered.name(workload) + " container " + c.path("name").asText();
                    assertThat(c.path("readinessProbe").isObject()).as(what + " readiness probe").isTrue();
                    assertThat(c.path("livenessProbe").isObject()).as(what + " liveness probe").isTrue();
                    assertThat(c.path("startupProbe").isObject()).as(what + " startup probe").isTrue();
                    for (String bound : List.of("requests", "limits")) {
                        for (String resource : List.of("cpu", "memory")) {
                            assertThat(c.path("resources").path(bound).path(resource).asText())
                                    .as(what + " resources." + bound + "." + resource).isNotBlank();
                        }
                    }
                }
            });
        }
        JsonNode flink = r.one("FlinkDeployment", "core20-job").path("spec");
        for (String manager : List.of("jobManager", "taskManager")) {
            assertThat(flink.path(manager).path("resource").path("cpu").asDouble()).as(manager + " cpu").isPositive();
            assertThat(flink.path(manager).path("resource").path("memory").asText()).as(manager + " memory").isNotBlank();
        }
        r.ofKind("KafkaNodePool").forEach(pool ->
                assertThat(pool.path("spec").path("resources").path("limits").path("memory").asText())
                        .as(Rendered.name(pool)).isNotBlank());
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void imagesArePinnedAndCore20ImagesAreThisBuild(String overlay) {
        Rendered r = render(overlay);
        List<String> images = new ArrayList<>();
        r.podSpecs().forEach(spec -> {
            for (String list : List.of("containers", "initContainers")) {
                spec.path(list).forEach(c -> {
                    if (c.has("image")) {
                        images.add(c.path("image").asText());
                    }
                });
            }
        });
        r.ofKind("FlinkDeployment").forEach(f -> images.add(f.path("spec").path("image").asText()));
        assertThat(images).contains("core20/web:" + VERSION, "core20/flink-job:" + VERSION);
        assertThat(images).allSatisfy(image -> {
            String tag = image.contains("@") ? "digest" : image.substring(image.lastIndexOf(':') + 1);
            assertThat(image).as("image " + image + " names a tag").matches(".+[:@].+");
            assertThat(tag).as("image " + image).isNotEqualTo("latest");
        });
        assertThat(images.stream().filter(i -> i.startsWith("core20/")))
                .allSatisfy(i -> assertThat(i).endsWith(":" + VERSION));
        // Strimzi runs the Kafka release named here, not whatever is newest.
        assertThat(r.one("Kafka", "core20").path("spec").path("kafka").path("version").asText()).matches("\\d+\\.\\d+\\.\\d+");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theFlinkDeploymentRunsTheJobOnItsOwnFlinkWithSavepointUpgradesAndHa(String overlay) throws IOException {
        JsonNode spec = render(overlay).one("FlinkDeployment", "core20-job").path("spec");
        String[] flink = FLINK_VERSION.split("\\.");
        assertThat(spec.path("flinkVersion").asText()).isEqualTo("v" + flink[0] + "_" + flink[1]);
        JsonNode job = spec.path("job");
        assertThat(job.path("upgradeMode").asText()).isEqualTo("savepoint");
        assertThat(job.path("parallelism").asInt()).isPositive();
        // The job's main class, not the launcher that starts a local cluster of its own.
        assertThat(job.path("entryClass").asText()).isEqualTo(org.core20monitor.flink.OutpatientMetricsJob.class.getName());
        JsonNode config = spec.path("flinkConfiguration");
        assertThat(config.path("high-availability.type").asText()).isEqualTo("kubernetes");
        for (String dir : List.of("execution.checkpointing.dir", "execution.checkpointing.savepoint-dir",
                "high-availability.storageDir")) {
            assertThat(config.path(dir).asText()).as(dir).matches("(s3|gs|abfss|hdfs)://.+");
        }
        assertThat(config.path("execution.checkpointing.externalized-checkpoint-retention").asText())
                .isEqualTo("RETAIN_ON_CANCELLATION");

        // The image the Dockerfile builds: the official Flink image of this Flink, the jar where jarURI says.
        String dockerfile = Files.readString(Path.of("../flink-jobs/Dockerfile"));
        assertThat(from(dockerfile)).startsWith("flink:" + FLINK_VERSION + "-");
        String jar = job.path("jarURI").asText();
        assertThat(jar).startsWith("local://");
        assertThat(dockerfile).containsPattern("COPY .*flink-jobs/target/core20-flink-jobs\\.jar "
                + Pattern.quote(jar.substring("local://".length())));
        assertThat(Path.of("../flink-jobs/target/core20-flink-jobs.jar")).as("the jar the image copies").exists();
    }

    @Test
    void theServerImageRunsWithoutPrivilegesOnAPinnedJre() throws IOException {
        String dockerfile = Files.readString(Path.of("../web/Dockerfile"));
        assertThat(from(dockerfile)).matches("eclipse-temurin:17[.0-9_]+-jre.*");
        Matcher user = Pattern.compile("(?m)^USER\\s+(\\S+)").matcher(dockerfile);
        assertThat(user.find()).as("a USER line").isTrue();
        assertThat(user.group(1)).doesNotStartWith("0").isNotEqualTo("root");
        assertThat(dockerfile).contains("COPY web/target/core20-web.jar");
        assertThat(Path.of("../web/target/core20-web.jar")).as("the jar the image copies").exists();
        overlays().forEach(o -> {
            JsonNode pod = render(o).one("Deployment", "core20-web").path("spec").path("template").path("spec");
            assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
            assertThat(pod.path("securityContext").path("runAsUser").asText()).isEqualTo(user.group(1).split(":")[0]);
        });
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void noSecretValueIsInTheManifestsAndEveryReferenceResolves(String overlay) {
        Rendered r = render(overlay);
        assertThat(r.ofKind("Secret").map(Rendered::name).toList()).as("Secrets are created outside the repository")
                .isEmpty();
        Set<String> configMaps = new TreeSet<>(r.ofKind("ConfigMap").map(c -> c.path("metadata").path("name").asText()).toList());
        r.ofKind("ConfigMap").forEach(c -> c.path("data").fieldNames().forEachRemaining(key ->
                assertThat(key).as("a secret-like key in " + Rendered.name(c)).doesNotMatch(SECRET_NAME)));

        Set<String> secrets = new TreeSet<>();
        r.podSpecs().forEach(spec -> {
            spec.path("volumes").forEach(v -> {
                if (v.has("secret")) {
                    secrets.add(v.path("secret").path("secretName").asText());
                }
                if (v.has("configMap")) {
                    assertThat(configMaps).contains(v.path("configMap").path("name").asText());
                }
            });
            spec.path("containers").forEach(c -> {
                c.path("envFrom").forEach(from -> {
                    if (from.has("configMapRef")) {
                        assertThat(configMaps).as("ConfigMaps rendered").contains(from.path("configMapRef").path("name").asText());
                    }
                    if (from.has("secretRef")) {
                        secrets.add(from.path("secretRef").path("name").asText());
                    }
                });
                c.path("env").forEach(e -> {
                    String name = e.path("name").asText();
                    if (e.has("value")) {
                        assertThat(name).as("a plain value for a secret-like variable").doesNotMatch(SECRET_NAME);
                        assertThat(e.path("value").asText()).as(name).doesNotContainPattern("://[^/]*:[^/@]*@");
                    }
                    JsonNode ref = e.path("valueFrom").path("secretKeyRef");
                    if (!ref.isMissingNode()) {
                        secrets.add(ref.path("name").asText());
                    }
                    if (name.equals("REDIS_URL") || name.startsWith("OIDC_CLIENT_SECRET")) {
                        assertThat(ref.isMissingNode()).as(name + " comes from a Secret").isFalse();
                    }
                });
            });
        });
        r.ofKind("Ingress").forEach(i -> i.path("spec").path("tls").forEach(t -> secrets.add(t.path("secretName").asText())));
        assertThat(secrets).containsExactlyInAnyOrder("core20-redis", "core20-oidc", "core20-kafka-client", "core20-tls",
                "core20-cluster-ca-cert");
        // Each is described, with how to create it, in the deployment guide.
        String guide = read("../docs/DEPLOY.md");
        assertThat(secrets).allSatisfy(s -> assertThat(guide).as("docs/DEPLOY.md").contains("`" + s + "`"));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theServersAreReachableThroughTlsAndKeptAvailable(String overlay) {
        Rendered r = render(overlay);
        JsonNode web = r.one("Deployment", "core20-web");
        JsonNode podLabels = web.path("spec").path("template").path("metadata").path("labels");
        JsonNode service = r.one("Service", "core20-web");
        assertThat(selects(service.path("spec").path("selector"), podLabels)).as("the Service selects the servers").isTrue();
        JsonNode ingress = r.one("Ingress", "core20-web").path("spec");
        assertThat(ingress.path("tls").get(0).path("secretName").asText()).isNotBlank();
        assertThat(ingress.path("tls").get(0).path("hosts").get(0).asText())
                .isEqualTo(ingress.path("rules").get(0).path("host").asText());
        assertThat(ingress.path("rules").get(0).path("http").path("paths").get(0).path("backend").path("service")
                .path("name").asText()).isEqualTo("core20-web");
        JsonNode pdb = r.one("PodDisruptionBudget", "core20-web").path("spec");
        assertThat(selects(pdb.path("selector").path("matchLabels"), podLabels)).isTrue();
        JsonNode hpa = r.one("HorizontalPodAutoscaler", "core20-web").path("spec");
        assertThat(hpa.path("scaleTargetRef").path("name").asText()).isEqualTo("core20-web");
        assertThat(hpa.path("minReplicas").asInt()).as("more than the PDB keeps, so a drain can proceed")
                .isGreaterThan(pdb.path("minAvailable").asInt());
        JsonNode redis = r.one("StatefulSet", "core20-redis").path("spec");
        assertThat(redis.path("volumeClaimTemplates").get(0).path("spec").path("resources").path("requests")
                .path("storage").asText()).as("Redis persists on a volume").isNotBlank();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void onlyTheServersAndTheJobReachRedisAndOnlyTheJobAndTheFeedsReachKafka(String overlay) {
        Rendered r = render(overlay);
        assertThat(r.one("NetworkPolicy", "default-deny-ingress").path("spec").path("podSelector").isEmpty()).isTrue();

        Map<String, JsonNode> podLabels = new HashMap<>();
        r.ofKind("Deployment").forEach(d -> podLabels.put(Rendered.name(d), d.path("spec").path("template").path("metadata").path("labels")));
        r.ofKind("StatefulSet").forEach(d -> podLabels.put(Rendered.name(d), d.path("spec").path("template").path("metadata").path("labels")));
        r.ofKind("FlinkDeployment").forEach(d -> podLabels.put(Rendered.name(d), d.path("spec").path("podTemplate").path("metadata").path("labels")));

        JsonNode redisPolicy = r.one("NetworkPolicy", "core20-redis").path("spec");
        assertThat(selects(redisPolicy.path("podSelector").path("matchLabels"),
                podLabels.get("StatefulSet/core20-redis"))).isTrue();
        List<String> reachRedis = admitted(redisPolicy.path("ingress"), podLabels);
        assertThat(reachRedis).containsExactlyInAnyOrder("Deployment/core20-web", "FlinkDeployment/core20-job");
        assertThat(redisPolicy.path("ingress").get(0).path("ports").get(0).path("port").asInt()).isEqualTo(6379);

        JsonNode listeners = r.one("Kafka", "core20").path("spec").path("kafka").path("listeners");
        assertThat(listeners).hasSize(1);
        JsonNode listener = listeners.get(0);
        assertThat(listener.path("tls").asBoolean()).as("Kafka only over TLS").isTrue();
        assertThat(listener.path("authentication").path("type").asText()).isNotBlank();
        List<String> reachKafka = admitted(listener.path("networkPolicyPeers"), podLabels);
        assertThat(reachKafka).containsExactly("FlinkDeployment/core20-job");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theServerAndTheJobAcceptTheSettingsTheyAreGiven(String overlay, @TempDir Path dir) throws IOException {
        Rendered r = render(overlay);
        Map<String, String> webEnv = configMap(r, "core20-web");
        // The Secrets' values, as the cluster would supply them.
        webEnv.putAll(Map.of("REDIS_URL", "redis://:pw@core20-redis:6379", "OIDC_ISSUER", "https://login.example",
                "OIDC_CLIENT_ID", "core20", "OIDC_CLIENT_SECRET", "s", "OIDC_CALLBACK_URL", "https://core20/callback"));
        ServerConfig server = ServerConfig.fromEnvironment(webEnv);
        JsonNode web = r.one("Deployment", "core20-web").path("spec").path("template").path("spec").path("containers").get(0);
        assertThat(web.path("ports").get(0).path("containerPort").asInt()).isEqualTo(server.port());

        JsonNode flink = r.one("FlinkDeployment", "core20-job").path("spec");
        Map<String, String> jobEnv = configMap(r, "core20-job");
        assertThat(jobEnv.get("CHECKPOINT_DIR")).as("the job checkpoints where Flink is told to")
                .isEqualTo(flink.path("flinkConfiguration").path("execution.checkpointing.dir").asText());
        // The client settings file is in the Secret mounted for it.
        String mount = flink.path("podTemplate").path("spec").path("containers").get(0).path("volumeMounts").get(0)
                .path("mountPath").asText();
        assertThat(Path.of(jobEnv.get("KAFKA_CONFIG_FILE")).getParent()).isEqualTo(Path.of(mount));
        jobEnv.put("KAFKA_CONFIG_FILE", Files.writeString(dir.resolve("client.properties"), "").toString());
        jobEnv.put("REDIS_URL", "redis://:pw@core20-redis:6379");
        List<String> args = new ArrayList<>();
        flink.path("job").path("args").forEach(a -> args.add(a.asText()));
        JobOptions job = JobOptions.from(args.toArray(new String[0]), jobEnv);
        assertThat(job.source()).isEqualTo("kafka");
        assertThat(job.kafka().deadLetterTopic()).isNotBlank();
        Set<String> topics = new TreeSet<>(r.ofKind("KafkaTopic").map(t -> t.path("metadata").path("name").asText()).toList());
        assertThat(topics).contains(job.kafka().topic(), job.kafka().deadLetterTopic());
        assertThat(job.kafka().bootstrapServers()).startsWith(r.one("Kafka", "core20").path("metadata").path("name").asText() + "-kafka-bootstrap:"
                + r.one("Kafka", "core20").path("spec").path("kafka").path("listeners").get(0).path("port").asText());
        // The job's Kafka identity may read its group and write its dead letters in transactions.
        JsonNode acls = r.one("KafkaUser", "core20-job").path("spec").path("authorization").path("acls");
        List<String> granted = new ArrayList<>();
        acls.forEach(a -> granted.add(a.path("resource").path("type").asText() + ":" + a.path("resource").path("name").asText()));
        assertThat(granted).contains("topic:" + job.kafka().topic(), "group:" + job.kafka().groupId(),
                "topic:" + job.kafka().deadLetterTopic(), "transactionalId:" + job.kafka().groupId() + "-dead-letters");
        // A partition is read by one source reader: more readers than partitions would sit idle.
        int partitions = r.one("KafkaTopic", job.kafka().topic()).path("spec").path("partitions").asInt();
        assertThat(flink.path("job").path("parallelism").asInt()).isLessThanOrEqualTo(partitions);
    }

    /** Which workloads' pods the peers ({@code from} entries with pod selectors) let in. */
    private static List<String> admitted(JsonNode rulesOrPeers, Map<String, JsonNode> podLabels) {
        List<JsonNode> selectors = new ArrayList<>();
        rulesOrPeers.forEach(entry -> {
            if (entry.has("from")) {
                entry.path("from").forEach(peer -> selectors.add(peer));
            } else {
                selectors.add(entry);
            }
        });
        List<String> admitted = new ArrayList<>();
        podLabels.forEach((workload, labels) -> {
            if (selectors.stream().anyMatch(s -> s.has("podSelector")
                    && selects(s.path("podSelector").path("matchLabels"), labels))) {
                admitted.add(workload);
            }
        });
        return admitted;
    }

    private static boolean selects(JsonNode matchLabels, JsonNode labels) {
        if (matchLabels == null || matchLabels.isMissingNode() || matchLabels.isEmpty() || labels == null) {
            return false;
        }
        var fields = matchLabels.fields();
        while (fields.hasNext()) {
            var f = fields.next();
            if (!f.getValue().asText().equals(labels.path(f.getKey()).asText(null))) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, String> configMap(Rendered r, String name) {
        Map<String, String> data = new HashMap<>();
        r.one("ConfigMap", name).path("data").fields().forEachRemaining(e -> data.put(e.getKey(), e.getValue().asText()));
        return data;
    }

    private static String from(String dockerfile) {
        Matcher m = Pattern.compile("(?m)^FROM\\s+(\\S+)").matcher(dockerfile);
        assertThat(m.find()).as("a FROM line").isTrue();
        return m.group(1);
    }

    private static String read(String path) {
        try {
            return Files.readString(Path.of(path));
        } catch (IOException e) {
            throw new AssertionError("cannot read " + path, e);
        }
    }
}
