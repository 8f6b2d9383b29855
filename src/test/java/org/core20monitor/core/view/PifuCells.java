package org.core20monitor.core.view;

import org.core20monitor.core.TestCells;
import org.core20monitor.core.TestEvents;
import org.core20monitor.core.event.Outcome;

/** Cells of PIFU outcomes by IMD quintile: so many of so many attendances moved to PIFU in each. */
final class PifuCells {

    private PifuCells() {}

    /**
     * A cell where quintile q (1 = most deprived) had {@code pifu[q-1]} of {@code attended[q-1]}
     * attendances moved to PIFU (the rest discharged), all White British.
     */
    static TestCells.Cell cell(long[] pifu, long[] attended) {
        TestCells.Cell cell = TestCells.cell();
        for (int q = 1; q <= 5; q++) {
            int decile = 2 * q - 1;
            cell.add(TestEvents.attended(Outcome.PIFU, decile, "A"), TestEvents.profile(decile, "A"), pifu[q - 1]);
            cell.add(TestEvents.attended(Outcome.DISCHARGED, decile, "A"), TestEvents.profile(decile, "A"),
                    attended[q - 1] - pifu[q - 1]);
        }
        return cell;
    }

    static long[] each(long n) {
        return new long[] {n, n, n, n, n};
    }
}
