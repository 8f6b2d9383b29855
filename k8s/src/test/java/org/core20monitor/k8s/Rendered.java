package org.core20monitor.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.databind.MappingIterator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An overlay as {@code kubectl kustomize} renders it: every resource as a tree, found by kind and name.
 * kubectl must be installed (the test command installs Debian's kubernetes-client when it is not).
 */
record Rendered(String overlay, List<JsonNode> resources) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static Rendered overlay(Path dir) throws IOException, InterruptedException {
        Path out = Files.createTempFile("kustomize-" + dir.getFileName(), ".yaml");
        Path err = Files.createTempFile("kustomize-" + dir.getFileName(), ".err");
        Process kubectl;
        try {
            kubectl = new ProcessBuilder("kubectl", "kustomize", dir.toString())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("kubectl is needed to render the manifests (apt-get install "
                    + "kubernetes-client, or run ./run-tests, which installs it): " + e.getMessage(), e);
        }
        if (!kubectl.waitFor(120, TimeUnit.SECONDS) || kubectl.exitValue() != 0) {
            kubectl.destroyForcibly();
            throw new AssertionError("kubectl kustomize " + dir + " failed:\n" + Files.readString(err));
        }
        List<JsonNode> resources = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class)
                .readValues(Files.readString(out, StandardCharsets.UTF_8))) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc != null && !doc.isNull() && !doc.isEmpty()) {
                    resources.add(doc);
                }
            }
        }
        Files.delete(out);
        Files.delete(err);
        return new Rendered(dir.getFileName().toString(), resources);
    }

    Stream<JsonNode> ofKind(String kind) {
        return resources.stream().filter(r -> r.path("kind").asText().equals(kind));
    }

    JsonNode one(String kind, String name) {
        return ofKind(kind).filter(r -> r.path("metadata").path("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(overlay + " renders no " + kind + " " + name));
    }

    static String name(JsonNode resource) {
        return resource.path("kind").asText() + "/" + resource.path("metadata").path("name").asText();
    }

    /** Every pod spec: Deployments', StatefulSets' and the FlinkDeployment's pod template. */
    Stream<JsonNode> podSpecs() {
        return resources.stream().map(r -> switch (r.path("kind").asText()) {
            case "Deployment", "StatefulSet" -> r.path("spec").path("template").path("spec");
            case "FlinkDeployment" -> r.path("spec").path("podTemplate").path("spec");
            default -> null;
        }).filter(java.util.Objects::nonNull);
    }
}
