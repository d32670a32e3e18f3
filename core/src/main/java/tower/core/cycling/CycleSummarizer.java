package tower.core.cycling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
        this.state = new CurrentState(options.restCurrentRelative(), options.restCurrentFloorA());
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
        int firstDirection; // +1 charge, -1 discharge, 0 none yet
        boolean paused;

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
            }
            if (!Double.isNaN(i)) {
                acc.imin = Math.min(acc.imin, i);
                acc.imax = Math.max(acc.imax, i);
            }
            if (temp != null && !Double.isNaN(temp[r])) {
                acc.tmin = Math.min(acc.tmin, temp[r]);
                acc.tmax = Math.max(acc.tmax, temp[r]);
                acc.tsum += temp[r];
                acc.tcount++;
            }
            if (acc.firstDirection == 0 && s != CurrentState.REST) {
                acc.firstDirection = s;
            }
            if (!first) {
                double dt = t - prevT;
                if (dt > options.pauseGapS()) {
                    acc.paused = true;
                }
                if (dt > 0 && !Double.isNaN(i) && !Double.isNaN(prevI)) {
                    double q = 0.5 * (i + prevI) * dt / 3600.0;
                    double vm = Double.isNaN(prevV) ? v : Double.isNaN(v) ? prevV : 0.5 * (v + prevV);
                    if (i > 0) {
                        acc.qc += q;
                        if (!Double.isNaN(vm)) {
                            acc.ec += q * vm; // a missing voltage leaves the energy out, never poisons the sum
                        }
                        acc.chargeTime += dt;
                        boolean cv = stepType != null && stepType[r] == StepType.CV_CHARGE.ordinal();
                        if (!cv && !newStep && dt >= 1.0 && prevI > 0) {
                            double dvdt = Math.abs((v - prevV) / dt);
                            double didt = (i - prevI) / dt;
                            if (dvdt <= 1e-5 && didt <= -1e-4) {
                                cvActive = true; // BEEP's CV-onset test: voltage held, current falling
                            }
                        }
                        if (cv || cvActive) {
                            acc.cvTime += dt;
                            acc.cvCap += q;
                        }
                    } else if (i < 0) {
                        acc.qd -= q;
                        if (!Double.isNaN(vm)) {
                            acc.ed -= q * vm;
                        }
                    }
                }
                if (vqc != null) {
                    acc.vqc = addIncrement(acc.vqc, vqc[r], 0);
                    acc.vqd = addIncrement(acc.vqd, vqd == null ? Double.NaN : vqd[r], 1);
                }
            } else {
                // A cycle-scoped vendor counter that is not at zero on the first row means the file starts part-way
                // through a cycle (e.g. a resumed or split test): that first cycle is incomplete.
                for (Quantity q : new Quantity[]{Quantity.CYCLE_CHARGING_CAPACITY, Quantity.CYCLE_DISCHARGING_CAPACITY}) {
                    if (b.has(q) && b.column(q)[r] > 1e-6) {
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
        int chargeFirst = 0;
        int dischargeFirst = 0;
        for (Acc a : cycles.values()) {
            if (a.firstDirection > 0) {
                chargeFirst++;
            } else if (a.firstDirection < 0) {
                dischargeFirst++;
            }
        }
        CeConvention ce = options.ceConvention();
        if (ce == CeConvention.AUTO) {
            ce = dischargeFirst > chargeFirst ? CeConvention.DISCHARGE_FIRST : CeConvention.CHARGE_FIRST;
        }
        List<CycleSummary> rows = new ArrayList<>(cycles.size());
        double[] previousDischarges = new double[cycles.size()];
        int k = 0;
        Acc prev = null;
        Map.Entry<Long, Acc> last = cycles.lastEntry();
        for (Acc a : cycles.values()) {
            List<String> flags = new ArrayList<>();
            double eff = switch (ce) {
                case DISCHARGE_FIRST -> prev != null && prev.qc > 0 ? a.qd / prev.qc : Double.NaN;
                case INVERTED -> a.qd > 0 ? a.qc / a.qd : Double.NaN;
                default -> a.qc > 0 ? a.qd / a.qc : Double.NaN;
            };
            double ee = a.ec > 0 ? a.ed / a.ec : Double.NaN;
            if (!Double.isNaN(a.vqc) && mismatch(a.qc, a.vqc)) {
                flags.add("capacity_mismatch");
            } else if (!Double.isNaN(a.vqd) && mismatch(a.qd, a.vqd)) {
                flags.add("capacity_mismatch");
            }
            if (a.paused) {
                flags.add("paused");
            }
            if (k == 0 && startsPartWay) {
                flags.add("incomplete");
            }
            if (a == last.getValue() && !flags.contains("incomplete")) {
                boolean hasBoth = a.qc > 0 && a.qd > 0;
                double median = median(previousDischarges, k);
                if (!hasBoth || (!Double.isNaN(median) && a.qd < 0.5 * median)) {
                    flags.add("incomplete");
                }
            }
            rows.add(new CycleSummary(a.index, a.start, Math.max(0, a.end - a.start), a.qc, a.qd, a.ec, a.ed, eff, ee,
                    finite(a.vmin), finite(a.vmax), a.qc > 0 ? a.ec / a.qc : Double.NaN,
                    a.qd > 0 ? a.ed / a.qd : Double.NaN, finite(a.imin), finite(a.imax),
                    finite(a.tmin), a.tcount > 0 ? a.tsum / a.tcount : Double.NaN, finite(a.tmax),
                    a.chargeTime, a.cvTime, a.cvCap, a.qc + a.qd, a.vqc, a.vqd, a.samples, List.copyOf(flags)));
            previousDischarges[k++] = a.qd;
            prev = a;
        }
        result = new CycleTable(rule.id(), ce.id(), options, List.copyOf(rows));
    }

    private boolean mismatch(double integrated, double vendor) {
        double scale = Math.max(Math.abs(integrated), Math.abs(vendor));
        return scale > 1e-6 && Math.abs(integrated - vendor) > options.mismatchTolerance() * scale;
    }

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
