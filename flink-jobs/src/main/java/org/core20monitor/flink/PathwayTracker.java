package org.core20monitor.flink;

import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.core20monitor.core.event.EventType;
import org.core20monitor.core.metric.Periods;

/**
 * Keyed by RTT pathway: knows when its clock started and stopped, and keeps the waits metrics told.
 *
 * <p>A pathway is open from its clock start (the {@code clock_start} its stop carries, else its
 * referral's day: SPEC §3) until its earliest clock stop or removal (SPEC §5). Event-time timers drive it: at each month end it passes
 * while open, it adds its wait on that day to the month's waiting list; at each wait threshold (18,
 * 52, 65, 78 and 104 weeks; one timer booked at a time) it tells the scope's live waiting list that its figures changed. A late
 * event (a stop, or a referral, that arrives after month ends it affects have passed) takes back or
 * adds exactly the month-end waits it changes, so late events revise their months. A clock stop also
 * counts the pathway's wait among the month's completed pathways.
 *
 * <p>State is kept until the stop's month has closed (its end plus the allowed lateness); then only a
 * marker stays, so a very late event for the pathway cannot reopen it. The marker is itself forgotten
 * after a memory period of event time (the dedup retention), so the state is bounded by the pathways
 * open or recently closed rather than growing with every pathway ever seen; an event that much behind
 * the event clock cannot open a pathway it knows nothing of, so a forgotten pathway stays closed.
 */
public final class PathwayTracker extends KeyedBroadcastProcessFunction<String, PathwayEvent, Long, CellInput> {

    public static final OutputTag<LiveWaitChange> LIVE = new OutputTag<>("live-waits") {};

    /** Waits in days after which a pathway moves between the reported bands (within 18 weeks, over N weeks). */
    static final int[] THRESHOLD_DAYS = {126, 364, 455, 546, 728};

    private final long allowedLatenessMillis;
    private final long closedMemoryMillis;
    private transient ValueState<Pathway> state;
    /**
     * Set when a closed pathway's state is dropped, to the event time it is forgotten at: until then
     * later events for it are ignored, not reopened.
     */
    private transient ValueState<Long> closedUntil;

    /** A pathway's clock, where it is counted, and what has been told so far. */
    public static class Pathway {
        public Long start;
        public Long stop;
        public boolean stopIsClockStop;
        public boolean routeFromReferral;
        public boolean startFromStop;
        public List<String> scopes;
        public int[] slots;
        public long latestDay;
        /** What was told, with the start and route it was told with. */
        public Long toldStart;
        public List<String> toldScopes;
        public int[] toldSlots;
        public int toldFromMonth;
        public int toldToMonth = Integer.MIN_VALUE;
        public boolean toldLive;
        public String toldCompletedPeriod;
        public long toldCompletedWait;
    }

    /**
     * @param closedMemoryMillis how long a closed pathway is remembered as closed, and how far behind the
     *                           event clock an event may be and still open a pathway
     */
    public PathwayTracker(long allowedLatenessMillis, long closedMemoryMillis) {
        if (closedMemoryMillis <= allowedLatenessMillis) {
            throw new IllegalArgumentException("closed pathways must be remembered for longer than the allowed lateness ("
                    + allowedLatenessMillis + " ms), not " + closedMemoryMillis + " ms");
        }
        this.allowedLatenessMillis = allowedLatenessMillis;
        this.closedMemoryMillis = closedMemoryMillis;
    }

    @Override
    public void open(OpenContext context) {
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("pathway", Pathway.class));
        closedUntil = getRuntimeContext().getState(new ValueStateDescriptor<>("closed-until", Long.class));
    }

    @Override
    public void processBroadcastElement(Long latestDay, Context ctx, Collector<CellInput> out) throws Exception {
        EventClock.advance(ctx.getBroadcastState(EventClock.STATE), latestDay);
    }

    @Override
    public void processElement(PathwayEvent event, ReadOnlyContext ctx, Collector<CellInput> out) throws Exception {
        if (closedUntil.value() != null) {
            return; // its month closed long ago and its waits are final
        }
        Pathway p = state.value();
        if (p == null) {
            long now = EventClock.now(ctx.timerService().currentWatermark(), ctx.getBroadcastState(EventClock.STATE));
            if (now > Long.MIN_VALUE + closedMemoryMillis && Periods.endOfDayMillis(event.day()) < now - closedMemoryMillis) {
                return; // older than any closed pathway is remembered: it may be one that was forgotten
            }
            p = new Pathway();
        }
        p.latestDay = Math.max(p.latestDay, event.day());
        if (event.type() == EventType.REFERRAL) {
            if (!p.startFromStop) {
                p.start = event.day();
            }
            p.scopes = event.scopeIds();
            p.slots = event.slots();
            p.routeFromReferral = true;
        } else if (p.stop == null || event.day() < p.stop
                || event.day() == p.stop && event.type() == EventType.CLOCK_STOP && !p.stopIsClockStop) {
            // The earliest stop ends the pathway; on the same day a clock stop wins over a removal.
            p.stop = event.day();
            p.stopIsClockStop = event.type() == EventType.CLOCK_STOP;
            if (event.clockStartDay() != null) {
                // SPEC §3: a stop's clock_start is the clock start; the referral's day only stands in for it.
                p.start = (long) event.clockStartDay();
                p.startFromStop = true;
            }
            if (!p.routeFromReferral) {
                // No referral yet: the stop's patient stands in until one arrives.
                p.scopes = event.scopeIds();
                p.slots = event.slots();
            }
        }
        reconcile(p, ctx, out);
        state.update(p);
        nextThreshold(p, ctx);
    }

    /**
     * Books the next wait threshold the open pathway will cross, one timer at a time: a timer held
     * for each of the five would cost every pathway five entries in the timer queue.
     */
    private static void nextThreshold(Pathway p, ReadOnlyContext ctx) {
        if (p.start == null || p.stop != null) {
            return;
        }
        for (int days : THRESHOLD_DAYS) {
            long crossing = Periods.endOfDayMillis(p.start + days);
            if (crossing > ctx.timerService().currentWatermark()) {
                ctx.timerService().registerEventTimeTimer(crossing);
                return;
            }
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<CellInput> out) throws Exception {
        Pathway p = state.value();
        if (p == null) {
            Long until = closedUntil.value();
            if (until != null && timestamp >= until) {
                closedUntil.clear();
            }
            return;
        }
        if (p.start != null && p.stop == null && p.toldScopes != null && isThreshold(p.start, timestamp)) {
            for (List<String> group : ScopeGroups.split(p.toldScopes)) {
                ctx.output(LIVE, new LiveWaitChange(group, p.toldSlots, p.start, 0, p.latestDay));
            }
        }
        nextThreshold(p, ctx);
        // Tell every month end the event time has passed before forgetting a closed pathway: the
        // watermark can jump past several month ends, and past the stop's month, in one step.
        reconcile(p, ctx, out);
        long now = EventClock.now(ctx.timerService().currentWatermark(), ctx.getBroadcastState(EventClock.STATE));
        if (p.stop != null && now >= Periods.endOfMonthMillis(Periods.monthOfDay(p.stop)) + allowedLatenessMillis) {
            state.clear();
            long forgetAt = now > Long.MAX_VALUE - closedMemoryMillis ? Long.MAX_VALUE : now + closedMemoryMillis;
            closedUntil.update(forgetAt);
            ctx.timerService().registerEventTimeTimer(forgetAt);
        } else {
            state.update(p);
        }
    }

    private static boolean isThreshold(long start, long timestamp) {
        for (int days : THRESHOLD_DAYS) {
            if (Periods.endOfDayMillis(start + days) == timestamp) {
                return true;
            }
        }
        return false;
    }

    /** Brings what has been told in line with what is known now, and sets the next month-end timer. */
    private void reconcile(Pathway p, ReadOnlyContext ctx, Collector<CellInput> out) throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        // At the end of a bounded input the watermark is infinite: month ends stop at the data's end.
        long now = EventClock.now(watermark, ctx.getBroadcastState(EventClock.STATE));
        boolean routeChanged = p.toldStart != null && (!p.toldStart.equals(p.start)
                || !p.toldScopes.equals(p.scopes) || !Arrays.equals(p.toldSlots, p.slots));
        if (routeChanged) {
            tellMonthEnds(p, p.toldFromMonth, p.toldToMonth, -1, out);
            p.toldToMonth = Integer.MIN_VALUE;
            tellLive(p, false, ctx);
            tellCompleted(p, null, 0, out);
        }
        if (p.start == null) {
            if (p.stop != null) {
                registerAfter(ctx, Periods.endOfMonthMillis(Periods.monthOfDay(p.stop)) + allowedLatenessMillis);
            }
            return;
        }
        p.toldStart = p.start;
        p.toldScopes = p.scopes;
        p.toldSlots = p.slots;

        int from = Periods.monthIndexOfDay(p.start);
        // Months whose end the event time has passed; before any watermark, none.
        int lastEnded = Periods.monthIndexOfDay(Periods.dayOf(Math.max(now, 0))) - 1;
        int to = p.stop == null ? lastEnded : Math.min(lastEnded, Periods.monthIndexOfDay(p.stop) - 1);
        if (p.stop != null && p.stop < p.start) {
            to = from - 1; // stopped before it started: a data error, counted nowhere
        }
        if (p.toldToMonth < p.toldFromMonth) {
            tellMonthEnds(p, from, to, +1, out);
        } else {
            // Take back months no longer open at their end, add months newly ended.
            tellMonthEnds(p, Math.max(to + 1, p.toldFromMonth), p.toldToMonth, -1, out);
            tellMonthEnds(p, Math.max(from, p.toldToMonth + 1), to, +1, out);
        }
        p.toldFromMonth = from;
        p.toldToMonth = to;

        tellLive(p, p.stop == null, ctx);
        if (p.stop != null && p.stopIsClockStop && p.stop >= p.start) {
            tellCompleted(p, Periods.monthOfDay(p.stop), p.stop - p.start, out);
        } else {
            tellCompleted(p, null, 0, out);
        }
        // The next month end to tell, while the pathway is open at it; then the stop month's close.
        int nextMonth = Math.max(to + 1, from);
        boolean openAtNext = p.stop == null || nextMonth < Periods.monthIndexOfDay(p.stop);
        registerAfter(ctx, openAtNext ? Periods.endOfDayMillis(Periods.lastDayOfMonthIndex(nextMonth))
                : Periods.endOfMonthMillis(Periods.monthOfDay(p.stop)) + allowedLatenessMillis);
    }

    /** A timer at or before the watermark would fire at once, again and again at the end of input. */
    private static void registerAfter(ReadOnlyContext ctx, long time) {
        if (time > ctx.timerService().currentWatermark()) {
            ctx.timerService().registerEventTimeTimer(time);
        }
    }

    private static void tellMonthEnds(Pathway p, int from, int to, int sign, Collector<CellInput> out) {
        if (from > to) {
            return;
        }
        List<List<String>> groups = ScopeGroups.split(p.toldScopes);
        for (int m = from; m <= to; m++) {
            String period = Periods.period(m);
            long wait = Periods.lastDayOfMonthIndex(m) - p.toldStart;
            for (List<String> group : groups) {
                out.collect(CellInput.wait(CellInput.Kind.WAIT_AT_MONTH_END, period, group, p.toldSlots, wait, sign));
            }
        }
    }

    private static void tellLive(Pathway p, boolean open, ReadOnlyContext ctx) {
        if (open == p.toldLive) {
            return;
        }
        for (List<String> group : ScopeGroups.split(p.toldScopes)) {
            ctx.output(LIVE, new LiveWaitChange(group, p.toldSlots, p.toldStart, open ? +1 : -1, p.latestDay));
        }
        p.toldLive = open;
    }

    private static void tellCompleted(Pathway p, String period, long wait, Collector<CellInput> out) {
        if (p.toldCompletedPeriod != null && (!p.toldCompletedPeriod.equals(period) || p.toldCompletedWait != wait)) {
            for (List<String> group : ScopeGroups.split(p.toldScopes)) {
                out.collect(CellInput.wait(CellInput.Kind.COMPLETED_WAIT, p.toldCompletedPeriod, group, p.toldSlots,
                        p.toldCompletedWait, -1));
            }
            p.toldCompletedPeriod = null;
        }
        if (period != null && p.toldCompletedPeriod == null) {
            for (List<String> group : ScopeGroups.split(p.toldScopes)) {
                out.collect(CellInput.wait(CellInput.Kind.COMPLETED_WAIT, period, group, p.toldSlots, wait, +1));
            }
            p.toldCompletedPeriod = period;
            p.toldCompletedWait = wait;
        }
    }

}
