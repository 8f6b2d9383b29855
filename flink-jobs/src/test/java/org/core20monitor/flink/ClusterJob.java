package org.core20monitor.flink;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The job as {@link OutpatientMetricsJob#main} builds it (same checkpointing, same Redis sink), on the
 * test's MiniCluster at parallelism 2, with restarts disabled: a failure anywhere ends it FAILED
 * instead of being hidden by a restart from the last checkpoint.
 */
final class ClusterJob implements RunningJob, AutoCloseable {

    private final JobClient client;

    private ClusterJob(JobClient client) {
        this.client = client;
    }

    static ClusterJob start(JobOptions options, String name) throws Exception {
        Configuration config = JobConfiguration.checkpointing(options);
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "disable");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.configure(config);
        env.setParallelism(2);
        OutpatientMetricsJob job = new OutpatientMetricsJob(options);
        job.toRedis(job.build(job.source(env)), OutpatientMetricsJob.redisSink(options.redisUrl()));
        return new ClusterJob(env.executeAsync(name));
    }

    JobStatus status() throws ExecutionException, InterruptedException {
        return client.getJobStatus().get();
    }

    @Override
    public boolean isAlive() {
        try {
            return !status().isTerminalState();
        } catch (ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public String describe() {
        try {
            JobStatus status = status();
            if (status == JobStatus.FAILED) {
                try {
                    client.getJobExecutionResult().get(10, TimeUnit.SECONDS);
                } catch (Exception failure) {
                    return "job " + client.getJobID() + " FAILED: " + failure;
                }
            }
            return "job " + client.getJobID() + " " + status;
        } catch (Exception e) {
            return "job " + client.getJobID() + ": status unknown (" + e + ")";
        }
    }

    @Override
    public void close() throws Exception {
        if (isAlive()) {
            client.cancel().get(60, TimeUnit.SECONDS);
        }
    }
}
