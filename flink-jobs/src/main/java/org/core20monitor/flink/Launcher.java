package org.core20monitor.flink;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The job jar's entry point. On a Flink cluster (or with Flink on the classpath) it runs the job
 * directly; run as {@code java -jar core20-flink-jobs.jar …} it starts the job in a JVM whose
 * classpath has Flink's own jars from {@code flink-lib/} beside the jar, as a cluster would provide
 * them (Flink resolves job classes through the application class loader, so they must be on the
 * real classpath). So the same jar serves the cluster, the embedded demo and the batch
 * {@code compute} command. Uses no Flink class itself, so that it loads before Flink is found.
 */
public final class Launcher {

    private static final String JOB = "org.core20monitor.flink.OutpatientMetricsJob";
    /** Set on the JVM the launcher starts: that JVM ends when its standard input (the launcher's pipe) closes. */
    static final String EXIT_WITH_LAUNCHER = "core20.exit.with.launcher";

    private Launcher() {}

    public static void main(String[] args) throws Exception {
        if (Launcher.class.getClassLoader()
                .getResource("org/apache/flink/streaming/api/environment/StreamExecutionEnvironment.class") != null) {
            if (Boolean.getBoolean(EXIT_WITH_LAUNCHER)) {
                exitWhenInputCloses();
            }
            Class.forName(JOB).getMethod("main", String[].class).invoke(null, (Object) args);
            return;
        }
        Path jar = Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path lib = Path.of(System.getProperty("core20.flink.lib", jar.resolveSibling("flink-lib").toString()));
        if (!Files.isDirectory(lib)) {
            System.err.println("Flink is not on the classpath and " + lib + " does not exist: build with "
                    + "`mvn package` (which copies Flink's jars there) or set -Dcore20.flink.lib=DIR");
            System.exit(2);
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=" + System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"),
                // The job's own few INFO lines (which checkpoint it resumed from, Redis coming back).
                "-Dorg.slf4j.simpleLogger.log.org.core20monitor="
                        + System.getProperty("org.slf4j.simpleLogger.log.org.core20monitor", "info"),
                "-D" + EXIT_WITH_LAUNCHER + "=true"));
        // The job JVM's own options (heap size, GC logging), as JOB_JAVA_OPTS="-Xmx2g …".
        String jvmOptions = System.getenv().getOrDefault("JOB_JAVA_OPTS", "").trim();
        if (!jvmOptions.isEmpty()) {
            command.addAll(List.of(jvmOptions.split("\\s+")));
        }
        command.addAll(List.of("-cp", jar + File.pathSeparator + lib + File.separator + "*", Launcher.class.getName()));
        command.addAll(List.of(args));
        // Output shared; input a pipe that only this launcher holds, so the job sees it close the moment
        // the launcher ends, however it ends.
        Process job = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Runtime.getRuntime().addShutdownHook(new Thread(job::destroy));
        System.exit(job.waitFor());
    }

    /**
     * Ends this JVM, as abruptly as its launcher ended, when the launcher is gone: the kernel closes
     * the launcher's end of the pipe on our standard input however the launcher died. A launcher killed
     * with SIGKILL runs no shutdown hook, and whatever supervises it (the demo, a service manager) starts
     * a new one: an orphaned job would then write to the same Redis from the same checkpoints.
     */
    private static void exitWhenInputCloses() {
        Thread watch = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // the launcher writes nothing; only the end matters
                }
            } catch (java.io.IOException e) {
                // closed as well
            }
            launcherGone();
        }, "core20-launcher-watch");
        watch.setDaemon(true);
        watch.start();
    }

    private static void launcherGone() {
        System.err.println("The job's launcher has ended: stopping the job (it resumes from its newest checkpoint)");
        Runtime.getRuntime().halt(137);
    }
}
