package tower.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;
import tower.core.cycling.CycleSummary;

class EarlyLifeTest {
    static final double R0 = 0.02;
    static final double DISCHARGE_A = 2.2;
    static final double V_LOW = 2.2;
    static final double V_HIGH = 3.4;

    /**
     * A cell cycled `regular` times at 1C charge / 2C discharge with capacity q(k) for the k-th regular cycle; an
     * RPT at C/20 after regular cycle rptAfter (0: none). Temperature 30 °C, IR 0.02 + 1e-5·k.
     */
    static SyntheticCell.Data cell(int regular, IntToDoubleFunction q, int rptAfter, boolean sensors, int samples) {
        SyntheticCell c = new SyntheticCell(SyntheticCell.Ocv.smooth(), R0, 0, 1, true, sensors, sensors, 5);
        c.temperatureC = 30;
        c.rest(60, 30);
        for (int k = 1; k <= regular; k++) {
            c.internalResistance = 0.02 + 1e-5 * k;
            c.fullCycle(1.1, DISCHARGE_A, q.applyAsDouble(k), samples, 120);
            if (k == rptAfter) {
                c.fullCycle(0.055, 0.055, q.applyAsDouble(k), samples, 120);
            }
        }
        return c.finish();
    }

    /** ΔQ(V) of the model on the grid: Q_k(V) = q(k)·(1 − f(V + I·R0)). */
    static double[] expectedDeltaQ(double qEarly, double qLate) {
        SyntheticCell.Ocv ocv = SyntheticCell.Ocv.smooth();
        double[] grid = Numerics.linspace(V_LOW, V_HIGH, 1000);
        double[] dq = new double[grid.length];
        for (int k = 0; k < grid.length; k++) {
            dq[k] = (qLate - qEarly) * (1 - ocv.frac(grid[k] + DISCHARGE_A * R0));
        }
        return dq;
    }

    private static final IntToDoubleFunction FADE = k -> 1.1 - 2e-4 * k + (k == 30 ? 0.01 : 0);

    @Test
    void featuresOfASyntheticCell() {
        SyntheticCell.Data d = cell(110, FADE, 50, true, 300);
        EarlyLifeOptions o = EarlyLifeOptions.DEFAULT.withVoltageWindow(V_LOW, V_HIGH);
        EarlyLifeFeatures f = EarlyLife.features(d.ts(), d.table(), d.steps(), o);
        assertThat(f.regularCycles()).isEqualTo(110);
        // the RPT after regular cycle 50 is vendor cycle 51: regular cycle 100 is vendor cycle 101
        assertThat(f.cyclesUsed()).containsEntry("10", 10L).containsEntry("100", 101L);
        double[] mo = Numerics.moments(expectedDeltaQ(FADE.applyAsDouble(10), FADE.applyAsDouble(100)));
        double min = (FADE.applyAsDouble(100) - FADE.applyAsDouble(10)) * (1 - SyntheticCell.Ocv.smooth().frac(V_LOW + 0.044));
        assertThat(f.features().get("delta_q_var_log10")).isCloseTo(Math.log10(mo[1]), within(0.005));
        assertThat(f.features().get("delta_q_mean_log10")).isCloseTo(Math.log10(Math.abs(mo[0])), within(0.003));
        assertThat(f.features().get("delta_q_min_log10")).isCloseTo(Math.log10(Math.abs(min)), within(0.003));
        assertThat(f.features().get("delta_q_skew_log10")).isCloseTo(Math.log10(Math.abs(mo[2])), within(0.01));
        assertThat(f.features().get("delta_q_kurt_log10")).isCloseTo(Math.log10(Math.abs(mo[3])), within(0.01));
        assertThat(f.features().get("delta_q_at_low_voltage_ah")).isCloseTo(min, within(2e-5));
        // fade lines against the regular-cycle number
        double[] num = new double[99];
        double[] q = new double[99];
        for (int k = 2; k <= 100; k++) {
            num[k - 2] = k;
            q[k - 2] = FADE.applyAsDouble(k);
        }
        double[] line = Numerics.linearFit(num, q, 0, 99);
        assertThat(f.features().get("fade_slope_2_100")).isCloseTo(line[0], within(1e-7));
        assertThat(f.features().get("fade_intercept_2_100")).isCloseTo(line[1], within(1e-5));
        assertThat(f.features().get("fade_slope_91_100")).isCloseTo(-2e-4, within(1e-7));
        assertThat(f.features().get("fade_intercept_91_100")).isCloseTo(1.1, within(1e-5));
        assertThat(f.features().get("q_2_ah")).isCloseTo(FADE.applyAsDouble(2), within(1e-5));
        assertThat(f.features().get("q_max_minus_q_2_ah")).isCloseTo(FADE.applyAsDouble(30) - FADE.applyAsDouble(2), within(1e-5));
        assertThat(f.features().get("q_100_ah")).isCloseTo(FADE.applyAsDouble(100), within(1e-5));
        double chargeTime = 0;
        for (int k = 1; k <= 5; k++) {
            chargeTime += FADE.applyAsDouble(k) / 1.1 * 3600 / 5;
        }
        assertThat(f.features().get("charge_time_mean_1_5_s")).isCloseTo(chargeTime, within(0.5));
        double duration = 0;
        for (CycleSummary s : d.table().cycles()) {
            long c = s.cycleIndex();
            if (c >= 2 && c <= 101 && c != 51) {
                duration += s.durationS();
            }
        }
        assertThat(f.features().get("temperature_integral_2_100_c_s")).isCloseTo(30 * duration, within(1e-6 * 30 * duration));
        assertThat(f.features().get("temperature_max_2_100_c")).isEqualTo(30.0);
        assertThat(f.features().get("temperature_min_2_100_c")).isEqualTo(30.0);
        assertThat(f.features().get("ir_2_ohm")).isCloseTo(0.02 + 2e-5, within(1e-12));
        assertThat(f.features().get("ir_min_2_100_ohm")).isCloseTo(0.02 + 2e-5, within(1e-12));
        assertThat(f.features().get("ir_100_minus_2_ohm")).isCloseTo(98e-5, within(1e-12));
        assertThat(f.missing()).isEmpty();
        assertThat(f.voltageLowV()).isEqualTo(V_LOW);
        assertThat(f.conventions()).contains("ddof 0");
        assertThat(f.censoredAt()).hasValue(111); // the last regular cycle (vendor numbering, the RPT is 51)
        assertThat(f.cycleLife()).isEmpty();
    }

    @Test
    void defaultWindowComesFromTheDischarges() {
        SyntheticCell.Data d = cell(100, FADE, 0, false, 150);
        EarlyLifeFeatures f = EarlyLife.features(d.ts(), d.table(), d.steps(), EarlyLifeOptions.DEFAULT);
        // discharge from the full OCV less the IR drop, down to the empty OCV less the IR drop
        assertThat(f.voltageHighV()).isCloseTo(3.6 - 0.044, within(1e-5));
        assertThat(f.voltageLowV()).isCloseTo(2.0 - 0.044, within(1e-5));
        DeltaQCurve curve = EarlyLife.deltaQ(d.ts(), d.table(), d.steps(), EarlyLifeOptions.DEFAULT);
        assertThat(curve.voltageV()).hasSize(1000);
        assertThat(curve.earlyCycleIndex()).isEqualTo(10);
        assertThat(curve.lateCycleIndex()).isEqualTo(100);
        // at the bottom of the window ΔQ is the whole capacity difference
        assertThat(curve.deltaQAh().get(0)).isCloseTo(FADE.applyAsDouble(100) - FADE.applyAsDouble(10), within(1e-5));
        assertThat(f.missing()).containsOnlyKeys("temperature_integral_2_100_c_s", "temperature_max_2_100_c",
                "temperature_min_2_100_c", "ir_2_ohm", "ir_min_2_100_ohm", "ir_100_minus_2_ohm");
        assertThat(f.missing().get("ir_2_ohm")).contains("no internal resistance");
        assertThat(f.features().get("ir_2_ohm")).isNaN();
    }

    @Test
    void tooFewCyclesGiveNaNWithReasons() {
        SyntheticCell.Data d = cell(50, FADE, 0, false, 50);
        EarlyLifeFeatures f = EarlyLife.features(d.ts(), d.table(), d.steps(), EarlyLifeOptions.DEFAULT);
        assertThat(f.features().get("delta_q_var_log10")).isNaN();
        assertThat(f.missing().get("delta_q_var_log10")).isEqualTo("only 50 regular cycles; dQ needs cycle 100");
        assertThat(f.missing()).containsKeys("fade_slope_2_100", "q_100_ah", "q_max_minus_q_2_ah");
        assertThat(f.features().get("q_2_ah")).isCloseTo(FADE.applyAsDouble(2), within(1e-5));
        assertThat(f.features().get("charge_time_mean_1_5_s")).isPositive();
        assertThat(f.features().keySet()).startsWith("delta_q_min_log10");
        assertThatThrownBy(() -> EarlyLife.deltaQ(d.ts(), d.table(), d.steps(), EarlyLifeOptions.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cycleLifeLabelFollowsTheFadeOptions() {
        SyntheticCell.Data d = cell(130, k -> 1.1 - 2.1e-3 * k, 0, false, 40);
        EarlyLifeOptions o = EarlyLifeOptions.DEFAULT.withFade(
                FadeOptions.DEFAULT.withReference(CapacityReference.nominal(1.1)));
        EarlyLifeFeatures f = EarlyLife.features(d.ts(), d.table(), d.steps(), o);
        // 1.1 - 0.0021 k < 0.88 first at k = 105
        assertThat(f.cycleLife()).hasValue(105);
        assertThat(f.censoredAt()).isEmpty();
        assertThat(f.cycleLifeRule()).isEqualTo("first regular cycle with soh < 0.8, reference nominal:1.1");
    }
}
