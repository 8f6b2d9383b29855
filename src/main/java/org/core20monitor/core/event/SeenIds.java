package org.core20monitor.core.event;

import java.nio.charset.StandardCharsets;
import org.apache.commons.codec.digest.MurmurHash3;

/**
 * The event ids one share of the stream has seen, each until a time it is to be forgotten: an open
 * addressing table of 128-bit fingerprints (MurmurHash3) with their expiry times, about 40 bytes an
 * id where a keyed entry and a timer per id take several hundred. Two ids share a fingerprint with
 * probability about n²/2¹²⁹: for a national year of 127 million ids, about 2 × 10⁻²³.
 *
 * <p>An entry whose expiry is at or before the time asked about counts as forgotten at once, so
 * forgetting is exact; {@link #sweep} only reclaims the space. Mutable, with public fields, so a
 * stream processor can keep it as keyed state and serialise it as three arrays.
 */
public class SeenIds {

    /** Buckets the ids are spread over (fixed: it is part of the state's layout). */
    public static final int BUCKETS = 4096;

    private static final int MIN_CAPACITY = 16;

    /** Fingerprint halves and expiry times by slot; a slot with expiry 0 is empty. */
    public long[] high = new long[0];
    public long[] low = new long[0];
    public long[] expiry = new long[0];
    /** Slots in use (live or expired but not yet swept). */
    public int used;

    public SeenIds() {}

    /** The fingerprint of an id: two longs, {@code [high, low]}. */
    public static long[] fingerprint(String eventId) {
        return MurmurHash3.hash128x64(eventId.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Which of the {@link #BUCKETS} buckets an id belongs to. From the string's own hash (cached in the
     * string, and fixed by the language), mixed by MurmurHash3's finaliser: a stream keys every event by
     * its bucket before and after a shuffle, so this is cheaper than the fingerprint it does not need.
     */
    public static int bucket(String eventId) {
        int h = eventId.hashCode();
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h >>> (Integer.SIZE - Integer.numberOfTrailingZeros(BUCKETS));
    }

    /**
     * Adds the id unless it is remembered at {@code now}: returns true if it was new (or forgotten),
     * false if it is a repeat. A new id is remembered until {@code forgetAt}, which must be positive and
     * after {@code now}; a repeat leaves the first occurrence's expiry as it was.
     */
    public boolean add(long[] fingerprint, long now, long forgetAt) {
        if (forgetAt <= now || forgetAt <= 0) {
            throw new IllegalArgumentException("an id must be remembered for a while: forgetAt " + forgetAt
                    + " is not after " + now + " (or not positive)");
        }
        if ((used + 1) * 4L > high.length * 3L) {
            resize(Math.max(MIN_CAPACITY, live(now) * 2 + 2), now);
        }
        int mask = high.length - 1;
        int free = -1;
        for (int i = (int) fingerprint[1] & mask; ; i = (i + 1) & mask) {
            if (expiry[i] == 0) {
                if (free < 0) {
                    free = i;
                    used++;
                }
                break;
            }
            if (high[i] == fingerprint[0] && low[i] == fingerprint[1]) {
                if (expiry[i] > now) {
                    return false;
                }
                free = i;      // the same id, forgotten: reuse its slot
                break;
            }
            if (free < 0 && expiry[i] <= now) {
                free = i;      // an expired slot to reuse, unless the id turns up further along
            }
        }
        high[free] = fingerprint[0];
        low[free] = fingerprint[1];
        expiry[free] = forgetAt;
        return true;
    }

    /** Ids remembered at {@code now}. */
    public int live(long now) {
        int n = 0;
        for (long e : expiry) {
            if (e > now) {
                n++;
            }
        }
        return n;
    }

    /** The earliest expiry of any id held, or {@code Long.MAX_VALUE} if none is. */
    public long earliestExpiry() {
        long earliest = Long.MAX_VALUE;
        for (long e : expiry) {
            if (e != 0 && e < earliest) {
                earliest = e;
            }
        }
        return earliest;
    }

    /** Drops every id forgotten by {@code now} and shrinks the table to fit the rest. */
    public void sweep(long now) {
        int live = live(now);
        resize(live == 0 ? 0 : Math.max(MIN_CAPACITY, live * 2), now);
    }

    public boolean isEmpty() {
        return used == 0;
    }

    /** Rehashes the ids live at {@code now} into a table of at least {@code capacity} slots. */
    private void resize(int capacity, long now) {
        int size = capacity == 0 ? 0 : Integer.highestOneBit(Math.max(capacity - 1, 1)) << 1;
        long[] oldHigh = high;
        long[] oldLow = low;
        long[] oldExpiry = expiry;
        high = new long[size];
        low = new long[size];
        expiry = new long[size];
        used = 0;
        int mask = size - 1;
        for (int j = 0; j < oldExpiry.length; j++) {
            if (oldExpiry[j] > now) {
                int i = (int) oldLow[j] & mask;
                while (expiry[i] != 0) {
                    i = (i + 1) & mask;
                }
                high[i] = oldHigh[j];
                low[i] = oldLow[j];
                expiry[i] = oldExpiry[j];
                used++;
            }
        }
    }
}
