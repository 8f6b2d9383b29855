package org.core20monitor.flink;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The job jar's entry point. On a Flink cluster (or with Flink on the classpath) it runs the job
 * directly; run as {@code java -jar core20-flink-jobs.jar …} it first puts Flink's own jars from
 * {@code flink-lib/} beside the jar on the classpath, as a cluster would provide them. So the same jar
 * serves the cluster, the embedded demo and the batch {@code compute} command. Uses no Flink class
 * itself, so that it loads before Flink is found.
 */
public final class Launcher {

    private static final String JOB = "org.core20monitor.flink.OutpatientMetricsJob";

    private Launcher() {}

    public static void main(String[] args) throws Exception {
        ClassLoader loader = Launcher.class.getClassLoader();
        if (loader.getResource("org/apache/flink/streaming/api/environment/StreamExecutionEnvironment.class") == null) {
            loader = withFlinkLib();
            Thread.currentThread().setContextClassLoader(loader);
        }
        Method main = Class.forName(JOB, true, loader).getMethod("main", String[].class);
        main.invoke(null, (Object) args);
    }

    private static ClassLoader withFlinkLib() throws Exception {
        Path jar = Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path lib = Path.of(System.getProperty("core20.flink.lib", jar.resolveSibling("flink-lib").toString()));
        if (!Files.isDirectory(lib)) {
            throw new IllegalStateException("Flink is not on the classpath and " + lib + " does not exist: build with "
                    + "`mvn package` (which copies Flink's jars there) or set -Dcore20.flink.lib=DIR");
        }
        List<URL> urls = new ArrayList<>();
        urls.add(jar.toUri().toURL());
        try (Stream<Path> jars = Files.list(lib)) {
            for (Path p : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                urls.add(p.toUri().toURL());
            }
        }
        return new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
    }
}
