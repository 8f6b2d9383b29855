package org.core20monitor.core.event;

/** The kinds of outpatient event in the input contract (SPEC §3). */
public enum EventType {
    REFERRAL, ATTENDANCE, ADVICE_REQUEST, PIFU_RETURN, CLOCK_STOP, WAITLIST_REMOVAL;

    /** Events that open or close an RTT pathway and so must carry its id. */
    public boolean needsPathway() {
        return this == REFERRAL || this == CLOCK_STOP || this == WAITLIST_REMOVAL;
    }
}
