package org.core20monitor.flink;

/** A job a test waits on: whether it still runs, and what to print when a wait fails. */
interface RunningJob {

    boolean isAlive();

    /** Its state and log, for a failure message. */
    String describe();
}
