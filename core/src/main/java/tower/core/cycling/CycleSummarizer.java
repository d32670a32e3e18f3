package tower.core.cycling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tower.core.series.Batch;
import tower.core.series.Quantity;
import tower.core.series.RecordSink;
import tower.core.series.StepType;
import tower.core.series.TestMetadata;

/**
 * Streams a normalised time series into the per-cycle summary (definitions §7). Memory grows with the number
 * of cycles, not of samples. The interval between samples k-1 and k belongs to the cycle of sample k.
 */
public final class CycleSummarizer implements RecordSink {
    private final CyclingOptions options;
    private final CurrentState state;
    private final TreeMap<Long, Acc> cycles = new TreeMap<>();
    private CycleRule rule;
    private boolean derived;
    private Quantity temperature;
    private boolean first = true;
    private double prevT;
    private double prevV;
    private double prevI;
    private int prevS;
    private boolean prevCv;
    private int runDirection;
    private Acc runOwner;
    private long signConflicts;
    private final Integrator.Parts parts = new Integrator.Parts();
    private double testVmin = Double.POSITIVE_INFINITY;
    private double testVmax = Double.NEGATIVE_INFINITY;
    private double halfCellVmax = Double.NaN;
    private double prevStep = Double.NaN;
    private double prevVendorStep = Double.NaN;
    private final double[] prevVendorCum = {Double.NaN, Double.NaN};
    // derived-cycle state
    private long derivedCycle = 1;
    private boolean sawCharge;
    private boolean sawDischarge;
    private int autoDirection; // for AUTO: +1 charge first, -1 discharge first, 0 undecided
    // CV detection state within the current step
    private boolean cvActive;
    private CycleTable result;
    private boolean startsPartWay;

    /**
     * The columns the summary reads (with what the {@link Normalizer} needs to make them): a caller that only wants
     * the summary can ask readers for just these ({@link tower.core.ingest.ReadOptions#withColumns}).
     */
    public static final java.util.Set<Quantity> COLUMNS_USED = java.util.Collections.unmodifiableSet(java.util.EnumSet.of(
            Quantity.TEST_TIME, Quantity.UNIX_TIME, Quantity.VOLTAGE, Quantity.CURRENT, Quantity.CYCLE_COUNT,
            Quantity.STEP_INDEX, Quantity.STEP_TYPE, Quantity.STEP_COUNT, Quantity.STEP_TIME,
            Quantity.CHARGING_CAPACITY, Quantity.DISCHARGING_CAPACITY, Quantity.STEP_CHARGING_CAPACITY,
            Quantity.STEP_DISCHARGING_CAPACITY, Quantity.CYCLE_CHARGING_CAPACITY, Quantity.CYCLE_DISCHARGING_CAPACITY,
            Quantity.SCHEDULE_CHARGING_CAPACITY, Quantity.SCHEDULE_DISCHARGING_CAPACITY, Quantity.TEMPERATURE_T1,
            Quantity.TEMPERATURE_T2, Quantity.TEMPERATURE_T3, Quantity.TEMPERATURE_T4, Quantity.TEMPERATURE_T5));

    public CycleSummarizer(CyclingOptions options) {
        this.options = options;
        this.state = CurrentState.of(options);
    }

    private static final class Acc {
        final long index;
        double start = Double.NaN;
        double end = Double.NaN;
        double qc, qd, ec, ed, chargeTime, cvTime, cvCap;
        double vmin = Double.POSITIVE_INFINITY, vmax = Double.NEGATIVE_INFINITY;
        double imin = Double.POSITIVE_INFINITY, imax = Double.NEGATIVE_INFINITY;
        double tmin = Double.POSITIVE_INFINITY, tmax = Double.NEGATIVE_INFINITY, tsum;
        long tcount;
        double vqc = Double.NaN, vqd = Double.NaN;
        long samples;
        int firstDirection; // +1 charge, -1 discharge, 0 none (set at the end)
        boolean paused;
        long signConflicts;
        // runs of one direction (rests between do not split a run): their capacities and directions
        final DoubleList runs = new DoubleList();
        final DoubleList runDirections = new DoubleList();

        Acc(long index) {
            this.index = index;
        }
    }

    @Override
    public void begin(Set<Quantity> columns, TestMetadata metadata) {
        CycleRule r = options.cycleRule();
        if (r == CycleRule.VENDOR && !columns.contains(Quantity.CYCLE_COUNT)) {
            r = CycleRule.CHARGE_FIRST;
        }
        if (r == CycleRule.STEP_WRAP && !columns.contains(Quantity.STEP_INDEX)) {
            throw new IllegalArgumentException("cycle rule step_wrap needs a vendor step index, which this file lacks");
        }
        rule = r;
        derived = r != CycleRule.VENDOR;
        temperature = null;
        for (Quantity t : Quantity.TEMPERATURES) {
            if (columns.contains(t)) {
                temperature = t;
                break;
            }
        }
    }

    @Override
    public void accept(Batch b) {
        int n = b.size();
        double[] time = b.column(Quantity.TEST_TIME);
        double[] volt = b.column(Quantity.VOLTAGE);
        double[] cur = b.column(Quantity.CURRENT);
        double[] vendorCycle = b.has(Quantity.CYCLE_COUNT) ? b.column(Quantity.CYCLE_COUNT) : null;
        double[] step = b.has(Quantity.STEP_COUNT) ? b.column(Quantity.STEP_COUNT) : null;
        double[] vendorStep = b.has(Quantity.STEP_INDEX) ? b.column(Quantity.STEP_INDEX) : null;
        byte[] stepType = b.has(Quantity.STEP_TYPE) ? b.stepTypes() : null;
        double[] temp = temperature != null ? b.column(temperature) : null;
        double[] vqc = b.has(Quantity.CHARGING_CAPACITY) ? b.column(Quantity.CHARGING_CAPACITY) : null;
        double[] vqd = b.has(Quantity.DISCHARGING_CAPACITY) ? b.column(Quantity.DISCHARGING_CAPACITY) : null;
        Acc acc = null;
        for (int r = 0; r < n; r++) {
            double t = time[r];
            double v = volt[r];
            double i = cur[r];
            int s = state.classify(i);
            boolean conflict = false;
            if (stepType != null && s != CurrentState.REST && stepType[r] >= 0) {
                StepType vt = StepType.ofOrdinal(stepType[r]);
                if ((vt.isCharge() && s == CurrentState.DISCHARGE) || (vt.isDischarge() && s == CurrentState.CHARGE)) {
                    // the vendor's step type decides the direction; the cycle is flagged and the user warned
                    i = -i;
                    s = -s;
                    conflict = true;
                    signConflicts++;
                }
            }
            long key;
            if (!derived) {
                double c = vendorCycle[r];
                key = Double.isNaN(c) ? (acc == null ? (cycles.isEmpty() ? 0 : cycles.lastKey()) : acc.index) : (long) c;
            } else {
                key = deriveCycle(s, vendorStep == null ? Double.NaN : vendorStep[r]);
            }
            if (acc == null || acc.index != key) {
                acc = cycles.computeIfAbsent(key, Acc::new);
            }
            boolean newStep = step != null && step[r] != prevStep;
            if (newStep) {
                cvActive = false;
            }
            acc.samples++;
            if (Double.isNaN(acc.start) && !Double.isNaN(t)) {
                acc.start = t;
            }
            if (!Double.isNaN(t) && !(t < acc.end)) {
                acc.end = t; // the latest time reached: rows out of time order never make a negative duration
            }
            if (!Double.isNaN(v)) {
                acc.vmin = Math.min(acc.vmin, v);
                acc.vmax = Math.max(acc.vmax, v);
                testVmin = Math.min(testVmin, v);
                testVmax = Math.max(testVmax, v);
            }
            if (temp != null && !Double.isNaN(temp[r])) {
                acc.tmin = Math.min(acc.tmin, temp[r]);
                acc.tmax = Math.max(acc.tmax, temp[r]);
                acc.tsum += temp[r];
                acc.tcount++;
            }
            if (conflict) {
                acc.signConflicts++;
            }
            if (!Double.isNaN(i)) {
                acc.imin = Math.min(acc.imin, i);
                acc.imax = Math.max(acc.imax, i);
            }
            if (s != CurrentState.REST && (s != runDirection || runOwner != acc)) {
                runDirection = s;
                runOwner = acc;
                acc.runs.add(0);
                acc.runDirections.add(s);
            }
            if (!first) {
                double dt = t - prevT;
                if (dt > options.pauseGapS()) {
                    acc.paused = true;
                }
                Integrator.Parts p = Integrator.interval(prevT, prevV, prevI, t, v, i, parts);
                if (p.chargeAh > 0 || p.dischargeAh > 0) {
                    acc.qc += p.chargeAh;
                    acc.ec += p.chargeWh;
                    acc.qd += p.dischargeAh;
                    acc.ed += p.dischargeWh;
                    if (s == CurrentState.CHARGE || prevS == CurrentState.CHARGE) {
                        acc.chargeTime += p.chargeS;
                    }
                    if (runOwner == acc && !acc.runs.isEmpty()) {
                        acc.runs.addLast(runDirection == CurrentState.CHARGE ? p.chargeAh : p.dischargeAh);
                    }
                }
                if (p.chargeAh > 0) {
                    boolean cv = stepType != null && stepType[r] == StepType.CV_CHARGE.ordinal();
                    if (!cv && !newStep && dt >= 1.0 && prevI > 0 && i > 0) {
                        double dvdt = Math.abs((v - prevV) / dt);
                        double didt = (i - prevI) / dt;
                        if (dvdt <= 1e-5 && didt <= -1e-4) {
                            cvActive = true; // BEEP's CV-onset test: voltage held, current falling
                        }
                    }
                    // the interval from the last CV sample into the following rest is the CV phase's tail
                    if (cv || cvActive || (s == CurrentState.REST && prevCv)) {
                        acc.cvTime += p.chargeS;
                        acc.cvCap += p.chargeAh;
                    }
                }
                if (vqc != null) {
                    acc.vqc = addIncrement(acc.vqc, vqc[r], 0);
                    acc.vqd = addIncrement(acc.vqd, vqd == null ? Double.NaN : vqd[r], 1);
                }
            } else {
                // A cycle-scoped vendor counter that is not at zero on the first row means the file starts part-way
                // through a cycle (e.g. a resumed or split test): that first cycle is incomplete.
                // Some cyclers log their first sample one interval after the start, with that interval's charge
                // already counted: up to |I|·t of the first row (plus 5 %) is a fresh start, not a resumed cycle.
                double sinceStart = Double.isNaN(i) || !(t > 0) ? 0 : 1.05 * Math.abs(i) * t / 3600.0;
                for (Quantity q : new Quantity[]{Quantity.CYCLE_CHARGING_CAPACITY, Quantity.CYCLE_DISCHARGING_CAPACITY}) {
                    if (b.has(q) && b.column(q)[r] > 1e-6 + sinceStart) {
                        startsPartWay = true;
                    }
                }
            }
            if (first && vqc != null) {
                prevVendorCum[0] = vqc[r];
                prevVendorCum[1] = vqd == null ? Double.NaN : vqd[r];
                acc.vqc = 0;
                acc.vqd = vqd == null ? Double.NaN : 0;
            }
            first = false;
            prevT = t;
            prevV = v;
            prevI = i;
            prevS = s;
            prevCv = s == CurrentState.CHARGE
                    && (cvActive || (stepType != null && stepType[r] == StepType.CV_CHARGE.ordinal()));
            if (step != null) {
                prevStep = step[r];
            }
        }
    }

    private double addIncrement(double sum, double cum, int which) {
        if (Double.isNaN(cum)) {
            return sum;
        }
        double prev = prevVendorCum[which];
        prevVendorCum[which] = cum;
        double inc = Double.isNaN(prev) ? 0 : cum - prev;
        return (Double.isNaN(sum) ? 0 : sum) + inc;
    }

    private long deriveCycle(int s, double vendorStep) {
        switch (rule) {
            case STEP_WRAP -> {
                if (!Double.isNaN(vendorStep) && !Double.isNaN(prevVendorStep) && vendorStep < prevVendorStep) {
                    derivedCycle++;
                }
                if (!Double.isNaN(vendorStep)) {
                    prevVendorStep = vendorStep;
                }
            }
            case CHARGE_FIRST, DISCHARGE_FIRST, AUTO -> {
                int startDir = rule == CycleRule.CHARGE_FIRST ? CurrentState.CHARGE
                        : rule == CycleRule.DISCHARGE_FIRST ? CurrentState.DISCHARGE : autoDirection;
                if (startDir == 0 && s != CurrentState.REST) {
                    autoDirection = s;
                    startDir = s;
                }
                if (s == CurrentState.CHARGE) {
                    if (startDir == CurrentState.CHARGE && sawDischarge) {
                        derivedCycle++;
                        sawDischarge = false;
                        sawCharge = false;
                    }
                    sawCharge = true;
                } else if (s == CurrentState.DISCHARGE) {
                    if (startDir == CurrentState.DISCHARGE && sawCharge) {
                        derivedCycle++;
                        sawDischarge = false;
                        sawCharge = false;
                    }
                    sawDischarge = true;
                }
            }
            default -> {
            }
        }
        return derivedCycle;
    }

    @Override
    public void end(TestMetadata metadata) {
        // A run of one direction counts as a full charge (discharge) when it passes at least half the typical
        // cycle's largest run: pulses and partial SOC steps inside a cycle do not make it "merged".
        double refCharge = typicalLargestRun(CurrentState.CHARGE);
        double refDischarge = typicalLargestRun(CurrentState.DISCHARGE);
        int chargeFirst = 0;
        int dischargeFirst = 0;
        for (Acc a : cycles.values()) {
            a.firstDirection = firstDirection(a, refCharge, refDischarge);
            if (a.firstDirection > 0) {
                chargeFirst++;
            } else if (a.firstDirection < 0) {
                dischargeFirst++;
            }
        }
        boolean halfCell = halfCell();
        if (halfCell) {
            metadata.flag(HALF_CELL_FLAG);
        }
        CeConvention ce = options.ceConvention();
        if (ce == CeConvention.AUTO) {
            if (halfCell) {
                ce = CeConvention.INVERTED;
                metadata.warn(String.format(Locale.ROOT, "the voltage cycles within %.3g-%.3g V, an electrode against "
                        + "lithium: treated as a half-cell, CE = Qc/Qd (inverted); choose another with --ce-convention",
                        testVmin, halfCellVmax));
            } else {
                ce = dischargeFirst > chargeFirst ? CeConvention.DISCHARGE_FIRST : CeConvention.CHARGE_FIRST;
            }
        }
        double[] qcs = new double[cycles.size()];
        double[] qds = new double[cycles.size()];
        int m = 0;
        for (Acc a : cycles.values()) {
            qcs[m] = a.qc;
            qds[m++] = a.qd;
        }
        List<CycleSummary> rows = new ArrayList<>(cycles.size());
        List<Long> merged = new ArrayList<>();
        List<Long> implausible = new ArrayList<>();
        List<Long> overNominal = new ArrayList<>();
        int conflictCycles = 0;
        int k = 0;
        Acc prev = null;
        for (Acc a : cycles.values()) {
            List<String> flags = new ArrayList<>();
            if (!Double.isNaN(a.vqc) && mismatch(a.qc, a.vqc)) {
                flags.add(CycleFlag.CAPACITY_MISMATCH.id());
            } else if (!Double.isNaN(a.vqd) && mismatch(a.qd, a.vqd)) {
                flags.add(CycleFlag.CAPACITY_MISMATCH.id());
            }
            if (a.paused) {
                flags.add(CycleFlag.PAUSED.id());
            }
            if (fullRuns(a, CurrentState.CHARGE, refCharge) >= 2 || fullRuns(a, CurrentState.DISCHARGE, refDischarge) >= 2) {
                flags.add(CycleFlag.MERGED.id());
                merged.add(a.index);
            }
            if (a.signConflicts > 0) {
                flags.add(CycleFlag.SIGN_CONFLICT.id());
                conflictCycles++;
            }
            boolean hasBoth = a.qc > 0 && a.qd > 0;
            // lacks a full charge or a full discharge: below half of its neighbours' (a fading cell's late cycles are
            // compared with cycles of the same age)
            boolean incomplete = !hasBoth || (m > 1 && (a.qc < 0.5 * neighbourMedian(qcs, m, k)
                    || a.qd < 0.5 * neighbourMedian(qds, m, k)));
            if (k == 0) {
                boolean wrongStart = (ce == CeConvention.CHARGE_FIRST && a.firstDirection == CurrentState.DISCHARGE)
                        || (ce == CeConvention.DISCHARGE_FIRST && a.firstDirection == CurrentState.CHARGE);
                incomplete |= startsPartWay || wrongStart;
            }
            if (incomplete) {
                flags.add(CycleFlag.INCOMPLETE.id());
            }
            double eff = Double.NaN;
            double ee = Double.NaN;
            if (!incomplete) {
                eff = switch (ce) {
                    case DISCHARGE_FIRST -> prev != null && prev.qc > 0 ? a.qd / prev.qc : Double.NaN;
                    case INVERTED -> a.qd > 0 ? a.qc / a.qd : Double.NaN;
                    default -> a.qc > 0 ? a.qd / a.qc : Double.NaN;
                };
                ee = a.ec > 0 ? a.ed / a.ec : Double.NaN;
                if (ee > 1 || eff < 0.5 || eff > 1.5) {
                    flags.add(CycleFlag.IMPLAUSIBLE_EFFICIENCY.id());
                    implausible.add(a.index);
                }
            }
            if (options.hasNominalCapacity() && Math.max(a.qc, a.qd) > 1.2 * options.nominalCapacityAh()) {
                flags.add(CycleFlag.OVER_NOMINAL.id());
                overNominal.add(a.index);
            }
            rows.add(new CycleSummary(a.index, a.start, Math.max(0, a.end - a.start), a.qc, a.qd, a.ec, a.ed, eff, ee,
                    finite(a.vmin), finite(a.vmax), a.qc > 0 ? a.ec / a.qc : Double.NaN,
                    a.qd > 0 ? a.ed / a.qd : Double.NaN, finite(a.imin), finite(a.imax),
                    finite(a.tmin), a.tcount > 0 ? a.tsum / a.tcount : Double.NaN, finite(a.tmax),
                    a.chargeTime, a.cvTime, a.cvCap, a.qc + a.qd, a.vqc, a.vqd, a.samples, Double.NaN, Double.NaN,
                    List.copyOf(flags)));
            k++;
            prev = a;
        }
        if (signConflicts > 0) {
            metadata.warn(signConflicts + " samples in " + conflictCycles + " cycles carry a current whose sign "
                    + "contradicts the vendor's step type: read with the vendor's direction and flagged sign_conflict; "
                    + "check the file's sign convention");
        }
        if (!merged.isEmpty()) {
            metadata.warn("cycle" + some(merged) + " holds two or more charges or discharges (the vendor cycle number "
                    + "does not advance): flagged merged; try --cycle-rule charge_first");
        }
        if (!implausible.isEmpty()) {
            metadata.warn("cycle" + some(implausible) + ": energy efficiency above 1 or CE outside 0.5-1.5, flagged "
                    + "implausible_efficiency; check the current sign, the cycle rule and the CE convention");
        }
        if (!overNominal.isEmpty()) {
            metadata.warn("cycle" + some(overNominal) + ": capacity above 1.2 x the nominal "
                    + new java.math.BigDecimal(options.nominalCapacityAh()).round(new java.math.MathContext(4))
                    .stripTrailingZeros().toPlainString() + " Ah, flagged over_nominal; check the nominal capacity "
                    + "and the cycle rule");
        }
        result = new CycleTable(rule.id(), ce.id(), options, List.copyOf(rows));
    }

    /** " 3" or "s 3, 4, 5 (and 7 more)". */
    private static String some(List<Long> cycles) {
        StringBuilder b = new StringBuilder(cycles.size() == 1 ? " " : "s ");
        for (int k = 0; k < Math.min(5, cycles.size()); k++) {
            b.append(k == 0 ? "" : ", ").append(cycles.get(k));
        }
        if (cycles.size() > 5) {
            b.append(" (and ").append(cycles.size() - 5).append(" more)");
        }
        return b.toString();
    }

    /**
     * An electrode against lithium: the voltage reaches below 0.3 V but not below −0.05 V, and the typical cycle
     * stays below 2 V (a fresh electrode's open-circuit voltage near 3 V before the first lithiation is allowed).
     */
    private boolean halfCell() {
        if (!(testVmin >= HALF_CELL_MIN_V && testVmin <= HALF_CELL_LOW_V) || cycles.isEmpty()) {
            return false;
        }
        double[] vmax = new double[cycles.size()];
        int n = 0;
        for (Acc a : cycles.values()) {
            if (Double.isFinite(a.vmax)) {
                vmax[n++] = a.vmax;
            }
        }
        double typical = median(vmax, n);
        halfCellVmax = typical;
        return typical <= HALF_CELL_MAX_V && typical - testVmin >= 0.1;
    }

    /** The test-level flag (in the metadata) of a test recognised as an electrode against lithium. */
    public static final String HALF_CELL_FLAG = "half_cell";
    static final double HALF_CELL_MIN_V = -0.05;
    static final double HALF_CELL_LOW_V = 0.3;
    static final double HALF_CELL_MAX_V = 2.0;

    private double typicalLargestRun(int direction) {
        double[] largest = new double[cycles.size()];
        int n = 0;
        for (Acc a : cycles.values()) {
            double best = 0;
            for (int r = 0; r < a.runs.size(); r++) {
                if (a.runDirections.get(r) == direction) {
                    best = Math.max(best, a.runs.get(r));
                }
            }
            if (best > 0) {
                largest[n++] = best;
            }
        }
        return median(largest, n);
    }

    /**
     * The direction of the cycle's first run passing at least 1 % of the typical largest run (0 when none): an
     * offset current in a leading rest, seen before the dead band knows the cell's current scale, does not count.
     */
    private static int firstDirection(Acc a, double refCharge, double refDischarge) {
        for (int r = 0; r < a.runs.size(); r++) {
            int d = (int) a.runDirections.get(r);
            double ref = d == CurrentState.CHARGE ? refCharge : refDischarge;
            if (!(ref > 0) || a.runs.get(r) >= 0.01 * ref) {
                return d;
            }
        }
        return 0;
    }

    private static int fullRuns(Acc a, int direction, double reference) {
        if (!(reference > 0)) {
            return 0;
        }
        int count = 0;
        for (int r = 0; r < a.runs.size(); r++) {
            if (a.runDirections.get(r) == direction && a.runs.get(r) >= 0.5 * reference) {
                count++;
            }
        }
        return count;
    }

    /**
     * Integrated and vendor capacity disagree by more than the relative tolerance, and by more than an absolute
     * floor: 0.1 % of the nominal capacity when it is known, else 1 mAh (so µAh counters never fire).
     */
    private boolean mismatch(double integrated, double vendor) {
        double scale = Math.max(Math.abs(integrated), Math.abs(vendor));
        double diff = Math.abs(integrated - vendor);
        double floor = options.hasNominalCapacity() ? 1e-3 * options.nominalCapacityAh() : MISMATCH_FLOOR_AH;
        return diff >= floor && diff > options.mismatchTolerance() * scale;
    }

    static final double MISMATCH_FLOOR_AH = 1e-3;

    /** Median of up to {@link #NEIGHBOURS} values on each side of position k, k itself left out. */
    private static double neighbourMedian(double[] values, int n, int k) {
        double[] w = new double[2 * NEIGHBOURS];
        int c = 0;
        for (int j = Math.max(0, k - NEIGHBOURS); j < Math.min(n, k + NEIGHBOURS + 1); j++) {
            if (j != k) {
                w[c++] = values[j];
            }
        }
        return median(w, c);
    }

    private static final int NEIGHBOURS = 5;

    private static double median(double[] values, int n) {
        if (n == 0) {
            return Double.NaN;
        }
        double[] c = Arrays.copyOf(values, n);
        Arrays.sort(c);
        return n % 2 == 1 ? c[n / 2] : 0.5 * (c[n / 2 - 1] + c[n / 2]);
    }

    private static double finite(double v) {
        return Double.isInfinite(v) ? Double.NaN : v;
    }

    public CycleTable result() {
        if (result == null) {
            throw new IllegalStateException("the stream has not ended");
        }
        return result;
    }
}
