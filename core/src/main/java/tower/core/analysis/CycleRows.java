package tower.core.analysis;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tower.core.cycling.CycleSummary;
import tower.core.cycling.CycleTable;
import tower.core.series.Quantity;
import tower.core.series.TimeSeries;

/**
 * The sample rows of each cycle of a {@link CycleTable}, in the table's order. With the vendor cycle rule the
 * vendor's {@code Cycle Count} column decides; for a derived rule a row belongs to the cycle with the latest
 * start time not after its test time (derived cycles are contiguous in time). Rows without a time or cycle stay
 * in the cycle of the row before them.
 */
public final class CycleRows {
    private final long[] cycleIndex;
    private final int[] first;
    private final int[] end;
    private final int[] rowCycle;
    private final Map<Long, Integer> positions = new HashMap<>();

    private CycleRows(long[] cycleIndex, int[] first, int[] end, int[] rowCycle) {
        this.cycleIndex = cycleIndex;
        this.first = first;
        this.end = end;
        this.rowCycle = rowCycle;
        for (int p = 0; p < cycleIndex.length; p++) {
            positions.put(cycleIndex[p], p);
        }
    }

    public static CycleRows of(TimeSeries ts, CycleTable table) {
        List<CycleSummary> cycles = table.cycles();
        int m = cycles.size();
        long[] index = new long[m];
        for (int p = 0; p < m; p++) {
            index[p] = cycles.get(p).cycleIndex();
        }
        int n = ts.size();
        int[] rowCycle = new int[n];
        if (table.cycleRule().equals("vendor") && ts.has(Quantity.CYCLE_COUNT)) {
            Map<Long, Integer> pos = new HashMap<>();
            for (int p = 0; p < m; p++) {
                pos.put(index[p], p);
            }
            double[] c = ts.column(Quantity.CYCLE_COUNT);
            int current = 0;
            for (int r = 0; r < n; r++) {
                if (!Double.isNaN(c[r])) {
                    Integer p = pos.get((long) c[r]);
                    if (p != null) {
                        current = p;
                    }
                }
                rowCycle[r] = current;
            }
        } else {
            Integer[] order = new Integer[m];
            for (int p = 0; p < m; p++) {
                order[p] = p;
            }
            Arrays.sort(order, (a, b) -> Double.compare(start(cycles.get(a)), start(cycles.get(b))));
            double[] t = ts.column(Quantity.TEST_TIME);
            int k = 0;
            for (int r = 0; r < n; r++) {
                if (!Double.isNaN(t[r])) {
                    while (k + 1 < m && start(cycles.get(order[k + 1])) <= t[r]) {
                        k++;
                    }
                }
                rowCycle[r] = m == 0 ? -1 : order[k];
            }
        }
        int[] first = new int[m];
        int[] end = new int[m];
        Arrays.fill(first, -1);
        for (int r = 0; r < n; r++) {
            int p = rowCycle[r];
            if (p < 0) {
                continue;
            }
            if (first[p] < 0) {
                first[p] = r;
            }
            end[p] = r + 1;
        }
        for (int p = 0; p < m; p++) {
            if (first[p] < 0) {
                first[p] = 0;
                end[p] = 0;
            }
        }
        return new CycleRows(index, first, end, rowCycle);
    }

    private static double start(CycleSummary c) {
        return Double.isNaN(c.startTestTimeS()) ? Double.POSITIVE_INFINITY : c.startTestTimeS();
    }

    /** Number of cycles (the table's size). */
    public int size() {
        return cycleIndex.length;
    }

    public long cycleIndex(int position) {
        return cycleIndex[position];
    }

    /** Position of a cycle index in the table, or -1. */
    public int positionOf(long cycle) {
        Integer p = positions.get(cycle);
        return p == null ? -1 : p;
    }

    /** First row of the cycle at this position. */
    public int first(int position) {
        return first[position];
    }

    /** One past the last row of the cycle at this position (rows of other cycles may lie between, for vendor numbering). */
    public int end(int position) {
        return end[position];
    }

    /** Position (in the table) of the cycle a row belongs to, -1 when none. */
    public int positionOfRow(int row) {
        return rowCycle[row];
    }
}
