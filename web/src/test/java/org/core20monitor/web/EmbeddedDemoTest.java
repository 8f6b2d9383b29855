package org.core20monitor.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The demo's job supervision, with real processes that end the way a job process can. */
class EmbeddedDemoTest {

    private static Process exiting(int code) throws IOException {
        return new ProcessBuilder("sh", "-c", "exit " + code).start();
    }

    @Test
    void aJobThatDiesIsStartedAgainAndOneThatFinishesIsNot() throws Exception {
        List<Integer> started = new ArrayList<>();
        AtomicReference<Process> job = new AtomicReference<>(exiting(137)); // as after kill -9
        EmbeddedDemo.superviseJob(job, new AtomicBoolean(), () -> {
            started.add(started.size());
            return exiting(started.size() == 1 ? 1 : 0);
        }, 10);
        assertThat(started).as("restarted after 137 and after 1, not after 0").hasSize(2);
        assertThat(job.get().exitValue()).isZero();
    }

    @Test
    void nothingIsRestartedWhileTheDemoIsStopping() throws Exception {
        AtomicBoolean stopping = new AtomicBoolean(true);
        List<Integer> started = new ArrayList<>();
        EmbeddedDemo.superviseJob(new AtomicReference<>(exiting(143)), stopping, () -> {
            started.add(1);
            return exiting(0);
        }, 10);
        assertThat(started).isEmpty();
    }

    @Test
    void aJobThatKeepsDyingIsGivenUpOn() throws Exception {
        List<Integer> started = new ArrayList<>();
        EmbeddedDemo.superviseJob(new AtomicReference<>(exiting(1)), new AtomicBoolean(), () -> {
            started.add(1);
            return exiting(1);
        }, 10);
        assertThat(started).hasSize(EmbeddedDemo.MAX_RESTARTS);
    }
}
