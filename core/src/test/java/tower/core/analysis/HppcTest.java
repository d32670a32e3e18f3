package tower.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tower.core.cycling.CycleSummarizer;
import tower.core.cycling.CyclingOptions;
import tower.core.cycling.Normalizer;
import tower.core.cycling.StepTable;
import tower.core.cycling.Steps;
import tower.core.series.BatchWriter;
import tower.core.series.Quantity;
import tower.core.series.Tee;
import tower.core.series.TestMetadata;
import tower.core.series.TimeSeries;

class HppcTest {
    private static final double R0 = 0.020;
    private static final double R1 = 0.010;
    private static final double TAU = 5.0;
    private static final double CAPACITY = 2.0;
    private static final double[] DISCHARGE_SOC = {0.9, 0.7, 0.5, 0.3};

    /** Full charge, then at each SOC: an 18 s discharge pulse at 2 A, 40 s rest, a 10 s charge pulse at 1.5 A. */
    private static SyntheticCell.Data hppc(SyntheticCell cell, double[] socAtPulse) {
        cell.rest(60, 30);
        cell.cc(1.0, CAPACITY, 1.0, 200);
        cell.rest(3600, 60);
        int k = 0;
        for (double target : DISCHARGE_SOC) {
            cell.cc(-1.0, CAPACITY, cell.soc() - target, 100);
            cell.rest(1800, 60);
            socAtPulse[k++] = cell.soc();
            cell.hold(-2.0, 18, 0.1, CAPACITY);
            cell.rest(40, 1);
            socAtPulse[k++] = cell.soc();
            cell.hold(1.5, 10, 0.1, CAPACITY);
            cell.rest(600, 10);
        }
        cell.cc(-1.0, CAPACITY, cell.soc(), 100);
        return cell.finish();
    }

    /** R(τ) of the model: the RC element charges from the current step start (1 ms before the first sample). */
    private static double expected(SyntheticCell.Ocv ocv, double socStart, double current, double tau) {
        double t = tau + SyntheticCell.FIRST_SAMPLE_S;
        double socNow = socStart + current * t / 3600 / CAPACITY;
        double dOcv = ocv.voltage(socNow) - ocv.voltage(socStart);
        return R0 + R1 * (1 - Math.exp(-t / TAU)) + dOcv / current;
    }

    @Test
    void resistancesOfGeneratedPulsesMatchTheModel() {
        SyntheticCell cell = new SyntheticCell(SyntheticCell.Ocv.smooth(), R0, R1, TAU, false, false, false, 1);
        double[] soc = new double[2 * DISCHARGE_SOC.length];
        SyntheticCell.Data d = hppc(cell, soc);
        HppcResult r = Hppc.analyze(d.ts(), d.table(), d.steps(), PulseOptions.DEFAULT.withCapacityAh(CAPACITY));
        assertThat(r.pulses()).hasSize(8);
        assertThat(r.capacityAh()).isEqualTo(CAPACITY);
        assertThat(r.capacitySource()).isEqualTo("option");
        for (int k = 0; k < 8; k++) {
            Pulse p = r.pulses().get(k);
            boolean discharge = k % 2 == 0;
            double current = discharge ? -2.0 : 1.5;
            assertThat(p.number()).isEqualTo(k + 1);
            assertThat(p.direction()).isEqualTo(discharge ? "discharge" : "charge");
            assertThat(p.currentA()).isCloseTo(current, within(1e-9));
            assertThat(p.durationS()).isCloseTo(discharge ? 18 - 0.001 : 10 - 0.001, within(1e-6));
            assertThat(p.soc()).as("soc of pulse %d", k + 1).isCloseTo(soc[k], within(1e-4));
            assertThat(p.restCurrentA()).isEqualTo(0.0);
            Map<String, Double> res = p.resistanceOhm();
            assertThat(res).containsOnlyKeys("first", "0.1s", "2s", "3s", "10s", "18s", "end");
            SyntheticCell.Ocv ocv = cell.ocv;
            // the charge pulse follows a 40 s rest: the RC element has decayed to e^-8 of its value; allow for that
            double tol = discharge ? 2e-5 : 1e-4;
            assertThat(res.get("first")).isCloseTo(expected(ocv, soc[k], current, 0), within(tol));
            assertThat(res.get("0.1s")).isCloseTo(expected(ocv, soc[k], current, 0.1), within(tol));
            assertThat(res.get("2s")).isCloseTo(expected(ocv, soc[k], current, 2), within(tol));
            assertThat(res.get("3s")).isCloseTo(expected(ocv, soc[k], current, 3), within(tol));
            assertThat(res.get("10s")).isCloseTo(expected(ocv, soc[k], current, discharge ? 10 : 10 - 0.001), within(tol));
            if (discharge) {
                // the last sample is 17.999 s after the first: within the end tolerance of 18 s
                assertThat(res.get("18s")).isCloseTo(expected(ocv, soc[k], current, 18 - 0.001), within(tol));
            } else {
                assertThat(res.get("18s")).isNaN();
            }
            assertThat(res.get("end")).isCloseTo(expected(ocv, soc[k], current, p.durationS()), within(tol));
            assertThat(p.ohmicOhm()).isEqualTo(res.get("first"));
            assertThat(p.chargeTransferOhm()).isCloseTo(res.get("2s") - res.get("first"), within(1e-12));
            assertThat(p.polarisationOhm()).isCloseTo(res.get("end") - res.get("2s"), within(1e-12));
            assertThat(p.ohmicOhm()).isCloseTo(R0, within(2e-4));
        }
        assertThat(r.socRule()).contains("max net charge");
        assertThat(r.resistanceRule()).contains("V_ocv");
    }

    @Test
    void socFallsBackToTheNetChargeSwing() {
        SyntheticCell cell = new SyntheticCell(SyntheticCell.Ocv.smooth(), R0, R1, TAU, false, false, false, 1);
        double[] soc = new double[8];
        SyntheticCell.Data d = hppc(cell, soc);
        HppcResult r = Hppc.analyze(d.ts(), d.table(), d.steps(), PulseOptions.DEFAULT);
        // the test is charged from empty to full and discharged to empty again: the swing is the capacity
        assertThat(r.capacityAh()).isCloseTo(CAPACITY, within(1e-4));
        assertThat(r.capacitySource()).contains("net-charge swing");
        for (int k = 0; k < 8; k++) {
            assertThat(r.pulses().get(k).soc()).isCloseTo(soc[k], within(1e-3));
        }
    }

    @Test
    void longStepsAfterRestsAreNotPulses() {
        SyntheticCell cell = new SyntheticCell(SyntheticCell.Ocv.smooth(), R0, R1, TAU, false, false, false, 1);
        double[] soc = new double[8];
        SyntheticCell.Data d = hppc(cell, soc);
        HppcResult r = Hppc.analyze(d.ts(), d.table(), d.steps(), PulseOptions.DEFAULT.withMaxPulseDurationS(5));
        assertThat(r.pulses()).isEmpty();
        assertThat(r.pulseRule()).contains("at most 5 s");
    }

    /** The PyProBE BioLogic sample: 10 s rest, then a 0.9 A discharge for about 129 s. */
    @Test
    void biologicSamplePulse() throws IOException {
        Path file = Path.of(System.getProperty("tower.shared"), "data", "PyProBE", "Sample_data_biologic_CA1.txt");
        EnumSet<Quantity> cols = EnumSet.of(Quantity.TEST_TIME, Quantity.VOLTAGE, Quantity.CURRENT, Quantity.STEP_INDEX);
        TimeSeries.Collector collector = new TimeSeries.Collector();
        CycleSummarizer summarizer = new CycleSummarizer(CyclingOptions.DEFAULT);
        BatchWriter w = new BatchWriter(cols, new Normalizer(Tee.of(collector, summarizer), CyclingOptions.DEFAULT),
                new TestMetadata().setSourceName(file.getFileName().toString()));
        double restV = 0, firstV = 0, firstI = 0, v01 = 0, i01 = 0, endV = 0, endI = 0, firstT = Double.NaN;
        double[] restI = new double[5];
        int restCount = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            String line;
            int headerLines = Integer.MAX_VALUE;
            int lineNo = 0;
            int timeCol = -1, vCol = -1, iCol = -1, nsCol = -1;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.startsWith("Nb header lines")) {
                    headerLines = Integer.parseInt(line.replaceAll("\\D", ""));
                }
                if (lineNo == headerLines) {
                    List<String> names = List.of(line.split("\t"));
                    timeCol = names.indexOf("time/s");
                    vCol = names.indexOf("Ecell/V");
                    iCol = names.indexOf("I/mA");
                    nsCol = names.indexOf("Ns");
                    continue;
                }
                if (lineNo <= headerLines) {
                    continue;
                }
                String[] f = line.split("\t");
                double t = Double.parseDouble(f[timeCol]);
                double v = Double.parseDouble(f[vCol]);
                double i = Double.parseDouble(f[iCol]) / 1000.0;
                int ns = Integer.parseInt(f[nsCol]);
                w.startRow();
                w.set(Quantity.TEST_TIME, t);
                w.set(Quantity.VOLTAGE, v);
                w.set(Quantity.CURRENT, i);
                w.set(Quantity.STEP_INDEX, ns);
                if (ns == 0) {
                    restV = v;
                    restI[restCount++ % 5] = i;
                } else {
                    if (Double.isNaN(firstT)) {
                        firstT = t;
                        firstV = v;
                        firstI = i;
                    }
                    if (Math.abs(t - firstT - 0.1) < 0.01) {
                        v01 = v;
                        i01 = i;
                    }
                    endV = v;
                    endI = i;
                }
            }
        }
        w.finish();
        TimeSeries ts = collector.result();
        StepTable steps = Steps.of(ts, CyclingOptions.DEFAULT);
        HppcResult r = Hppc.analyze(ts, summarizer.result(), steps, PulseOptions.DEFAULT.withMaxPulseDurationS(600));
        assertThat(r.pulses()).hasSize(1);
        Pulse p = r.pulses().get(0);
        double iOcv = (restI[0] + restI[1] + restI[2] + restI[3] + restI[4]) / 5;
        assertThat(p.direction()).isEqualTo("discharge");
        assertThat(p.startTestTimeS()).isCloseTo(10.022, within(1e-3));
        assertThat(p.restVoltageV()).isEqualTo(restV);
        assertThat(p.restCurrentA()).isEqualTo(iOcv);
        assertThat(p.resistanceOhm().get("first")).isCloseTo((firstV - restV) / (firstI - iOcv), within(1e-12))
                .isCloseTo(0.01046, within(1e-5));
        // the second sample is 2 ms after the first: 0.1 s falls between later samples 0.1 s apart
        assertThat(p.resistanceOhm().get("0.1s")).isCloseTo((v01 - restV) / (i01 - iOcv), within(2e-4));
        assertThat(p.resistanceOhm().get("end")).isCloseTo((endV - restV) / (endI - iOcv), within(1e-12));
        assertThat(p.durationS()).isCloseTo(139.524 - 10.022, within(1e-3));
        assertThat(p.resistanceOhm().get("18s")).isGreaterThan(p.resistanceOhm().get("2s"));
        System.out.printf("BioLogic CA1 pulse: R(first) %.5f, R(0.1s) %.5f, R(2s) %.5f, R(10s) %.5f, R(end) %.5f ohm%n",
                p.resistanceOhm().get("first"), p.resistanceOhm().get("0.1s"), p.resistanceOhm().get("2s"),
                p.resistanceOhm().get("10s"), p.resistanceOhm().get("end"));
    }

    @Test
    void timesTheSamplingCannotSupportAreNullWithAReasonNotInterpolated() {
        // the pulse is logged every 5 s: nothing near 0.1 s, 2 s, 3 s or 18 s; 10 s is a sample
        SyntheticCell cell = new SyntheticCell(SyntheticCell.Ocv.smooth(), R0, R1, TAU, false, false, false, 1);
        cell.rest(60, 30);
        cell.cc(1.0, CAPACITY, 1.0, 200);
        cell.rest(1800, 60);
        cell.hold(-2.0, 30.001, 5, CAPACITY);
        cell.rest(600, 10);
        SyntheticCell.Data d = cell.finish();
        HppcResult r = Hppc.analyze(d.ts(), d.table(), d.steps(), PulseOptions.DEFAULT);
        assertThat(r.pulses()).hasSize(1);
        Pulse p = r.pulses().get(0);
        assertThat(p.resistanceOhm()).containsOnlyKeys("first", "0.1s", "2s", "3s", "10s", "18s", "end");
        for (String k : new String[]{"0.1s", "2s", "3s", "18s"}) {
            assertThat(p.resistanceOhm().get(k)).as(k).isNaN();
            assertThat(p.missing().get(k)).as(k).startsWith("no sample within");
        }
        assertThat(p.resistanceOhm().get("10s")).isCloseTo(expected(SyntheticCell.Ocv.smooth(), p.soc(), -2.0, 10),
                within(2e-4));
        assertThat(p.resistanceOhm().get("first")).as("the first sample is 1 ms after the edge").isFinite();
        assertThat(p.chargeTransferOhm()).isNaN();
        assertThat(r.warnings()).anyMatch(w -> w.contains("the sampling has no sample near that time"));
    }

    @Test
    void aFirstSampleFarFromTheStepEdgeGivesNoOhmicResistance() {
        SyntheticCell cell = new SyntheticCell(SyntheticCell.Ocv.smooth(), R0, R1, TAU, false, false, false, 1);
        cell.rest(60, 30);
        cell.cc(1.0, CAPACITY, 1.0, 200);
        cell.rest(1800, 60);
        cell.hold(-2.0, 18, 0.1, CAPACITY);
        cell.rest(600, 10);
        SyntheticCell.Data d = cell.finish();
        // 0.001 s after the edge passes the default 0.2 s; a stricter limit refuses it
        PulseOptions strict = new PulseOptions(PulseOptions.DEFAULT.timesS(), 60, 1, 5, Double.NaN, 0.0005, 0.1, 0.02, 10);
        Pulse p = Hppc.analyze(d.ts(), d.table(), d.steps(), strict).pulses().get(0);
        assertThat(p.resistanceOhm().get("first")).isNaN();
        assertThat(p.ohmicOhm()).isNaN();
        assertThat(p.missing().get("first")).contains("after the step edge");
        assertThat(Hppc.analyze(d.ts(), d.table(), d.steps(), PulseOptions.DEFAULT).pulses().get(0).ohmicOhm())
                .isCloseTo(R0, within(2e-4));
    }

    @Test
    void negativeAndAbsurdResistancesAreFlagged() {
        SyntheticCell cell = new SyntheticCell(SyntheticCell.Ocv.smooth(), -R0, 0, TAU, false, false, false, 1);
        cell.rest(60, 30);
        cell.cc(1.0, CAPACITY, 1.0, 200);
        cell.rest(1800, 60);
        cell.hold(-2.0, 18, 0.1, CAPACITY);
        cell.rest(600, 10);
        SyntheticCell.Data d = cell.finish();
        HppcResult r = Hppc.analyze(d.ts(), d.table(), d.steps(), PulseOptions.DEFAULT);
        assertThat(r.pulses().get(0).flags()).contains("negative_resistance");
        assertThat(r.warnings()).anyMatch(w -> w.contains("negative or absurd"));
        PulseOptions low = new PulseOptions(PulseOptions.DEFAULT.timesS(), 60, 1, 5, Double.NaN, 0.1, 0.1, 0.02, 1e-3);
        SyntheticCell ok = new SyntheticCell(SyntheticCell.Ocv.smooth(), R0, R1, TAU, false, false, false, 1);
        ok.rest(60, 30);
        ok.cc(1.0, CAPACITY, 1.0, 200);
        ok.rest(1800, 60);
        ok.hold(-2.0, 18, 0.1, CAPACITY);
        ok.rest(600, 10);
        SyntheticCell.Data d2 = ok.finish();
        assertThat(Hppc.analyze(d2.ts(), d2.table(), d2.steps(), low).pulses().get(0).flags()).containsExactly("absurd_resistance");
        assertThat(Hppc.analyze(d2.ts(), d2.table(), d2.steps(), PulseOptions.DEFAULT).pulses().get(0).flags()).isEmpty();
    }

    @Test
    void socIsRelativeToTheMeasuredDischargeOfTheCycleBeforeThePulses() {
        // vendor cycles: cycle 1 a full cycle measuring the capacity, cycle 2 the pulses
        SyntheticCell cell = new SyntheticCell(SyntheticCell.Ocv.smooth(), R0, R1, TAU, true, false, false, 1);
        cell.rest(60, 30);
        cell.fullCycle(1.0, 1.0, CAPACITY, 200, 600);
        cell.cycle(2);
        cell.cc(1.0, CAPACITY, 1.0, 200);
        cell.rest(1800, 60);
        for (double target : DISCHARGE_SOC) {
            cell.cc(-1.0, CAPACITY, cell.soc() - target, 100);
            cell.rest(1800, 60);
            cell.hold(-2.0, 18, 0.1, CAPACITY);
            cell.rest(600, 10);
        }
        cell.cc(-1.0, CAPACITY, cell.soc(), 100);
        SyntheticCell.Data d = cell.finish();
        HppcResult r = Hppc.analyze(d.ts(), d.table(), d.steps(), PulseOptions.DEFAULT);
        assertThat(r.capacitySource()).isEqualTo("measured discharge capacity of cycle 1 (the cycle before the first pulse)");
        assertThat(r.capacityAh()).isEqualTo(d.table().cycles().get(0).dischargeCapacityAh());
        assertThat(r.pulses()).hasSize(4);
        for (int k = 0; k < 4; k++) {
            assertThat(r.pulses().get(k).soc()).isCloseTo(DISCHARGE_SOC[k], within(2e-3));
        }
    }
}
