package tower.pipeline.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tower.core.analysis.CapacityReference;
import tower.core.analysis.Dqdv;
import tower.core.analysis.DqdvOptions;
import tower.core.analysis.DqdvResult;
import tower.core.analysis.Fade;
import tower.core.analysis.FadeOptions;
import tower.core.analysis.FadeResult;
import tower.core.analysis.HalfCycle;
import tower.core.analysis.Hppc;
import tower.core.analysis.HppcResult;
import tower.core.analysis.PulseOptions;
import tower.core.cycling.CycleTable;
import tower.core.cycling.StepSummary;
import tower.core.cycling.StepTable;
import tower.core.series.TimeSeries;
import tower.pipeline.errors.TowerException;

/** Fade, dQ/dV, HPPC and the step table of a test, with their parameters checked once for CLI and server. */
public final class Analyses {
    private Analyses() {
    }

    /** {@code first}, {@code nominal:AH} or {@code median:N}; a bad rule is a bad parameter. */
    public static CapacityReference reference(String text) {
        try {
            return CapacityReference.parse(text);
        } catch (IllegalArgumentException e) {
            throw TowerException.badParameter("reference: " + e.getMessage());
        }
    }

    public static double threshold(double t) {
        if (!(t > 0 && t < 1)) {
            throw TowerException.badParameter("threshold must be between 0 and 1");
        }
        return t;
    }

    public static HalfCycle half(String text) {
        try {
            return HalfCycle.parse(text);
        } catch (IllegalArgumentException e) {
            throw TowerException.badParameter("half: " + e.getMessage());
        }
    }

    /** {@code tower analyze}: SOH, end of life, knee, fade rate (needs the cycles and steps, not the samples). */
    public static FadeResult fade(CycleTable cycles, StepTable steps, CapacityReference reference, double threshold) {
        FadeOptions o = FadeOptions.DEFAULT.withReference(reference).withThreshold(threshold(threshold));
        return Fade.analyze(cycles, steps, o);
    }

    public static DqdvOptions dqdvOptions(double fwhmV, boolean savgol) {
        if (!(fwhmV >= 0) || Double.isInfinite(fwhmV)) {
            throw TowerException.badParameter("fwhm must be a non-negative number of volts");
        }
        return DqdvOptions.DEFAULT.withFwhmV(fwhmV).withPreSmoothing(savgol);
    }

    /** {@code tower dqdv}: one half-cycle; an unknown cycle or a half without a CC step is a bad parameter. */
    public static DqdvResult dqdv(TimeSeries series, CycleTable cycles, StepTable steps, long cycle, HalfCycle half,
                                  DqdvOptions options) {
        try {
            return Dqdv.of(series, cycles, steps, cycle, half, options);
        } catch (IllegalArgumentException e) {
            throw TowerException.badParameter(e.getMessage());
        }
    }

    /** {@code tower hppc}: pulse resistances. */
    public static HppcResult hppc(TimeSeries series, CycleTable cycles, StepTable steps, double maxPulseS,
                                  double capacityAh) {
        PulseOptions o = PulseOptions.DEFAULT.withMaxPulseDurationS(maxPulseS).withCapacityAh(capacityAh);
        return Hppc.analyze(series, cycles, steps, o);
    }

    /** {@code tower steps --json} and {@code GET /api/v1/tests/{id}/steps}. */
    public static Map<String, Object> stepsJson(String source, String format, StepTable table) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("source", source);
        doc.put("format", format);
        doc.put("rest_current_a", table.restCurrentA());
        Map<String, Object> rules = new LinkedHashMap<>();
        rules.put("rest_current_relative", table.options().restCurrentRelative());
        rules.put("cv_voltage_relative", table.options().cvVoltageRelative());
        rules.put("cv_current_drop", table.options().cvCurrentDrop());
        rules.put("pulse_max_duration_s", table.options().pulseMaxDurationS());
        doc.put("rules", rules);
        List<Map<String, Object>> steps = new ArrayList<>();
        for (StepSummary s : table.steps()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("step_count", s.stepCount());
            m.put("step_index", s.vendorStepIndex());
            m.put("cycle_count", s.cycleCount());
            m.put("step_type", s.type().label());
            m.put("type_source", s.typeSource());
            m.put("start_test_time_s", s.startTestTimeS());
            m.put("duration_s", s.durationS());
            m.put("rows", s.rows());
            m.put("current_mean_a", s.currentMeanA());
            m.put("voltage_first_v", s.voltageFirstV());
            m.put("voltage_last_v", s.voltageLastV());
            m.put("charge_capacity_ah", s.chargeCapacityAh());
            m.put("discharge_capacity_ah", s.dischargeCapacityAh());
            steps.add(m);
        }
        doc.put("steps", steps);
        return doc;
    }
}
