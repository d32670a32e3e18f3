package tower.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ElasticNetTest {

    /** Standardised columns (population sd) and centred target, computed here independently of ElasticNet. */
    private static double[][] standardise(double[][] x, double[] y, double[] yc) {
        int n = x.length, p = x[0].length;
        double[][] z = new double[n][p];
        for (int j = 0; j < p; j++) {
            double m = 0, v = 0;
            for (double[] row : x) {
                m += row[j];
            }
            m /= n;
            for (double[] row : x) {
                v += (row[j] - m) * (row[j] - m);
            }
            double sd = Math.sqrt(v / n);
            for (int i = 0; i < n; i++) {
                z[i][j] = (x[i][j] - m) / sd;
            }
        }
        double ym = 0;
        for (double v : y) {
            ym += v;
        }
        ym /= n;
        for (int i = 0; i < n; i++) {
            yc[i] = y[i] - ym;
        }
        return z;
    }

    @Test
    void ridgeMatchesTheClosedForm() {
        Random rnd = new Random(11);
        int n = 30, p = 3;
        double[][] x = new double[n][p];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double a = rnd.nextGaussian();
            x[i][0] = a;
            x[i][1] = 0.7 * a + 0.5 * rnd.nextGaussian(); // correlated with the first
            x[i][2] = 3 + 10 * rnd.nextGaussian();
            y[i] = 2 + 1.5 * x[i][0] - 0.8 * x[i][1] + 0.05 * x[i][2] + 0.3 * rnd.nextGaussian();
        }
        double alpha = 0.3;
        ElasticNet.Fit fit = ElasticNet.fit(x, y, alpha, 0.0, ElasticNetOptions.DEFAULT);
        // (ZᵀZ/n + αI) b = Zᵀy/n
        double[] yc = new double[n];
        double[][] z = standardise(x, y, yc);
        double[][] a = new double[p][p];
        double[] rhs = new double[p];
        for (int j = 0; j < p; j++) {
            for (int k = 0; k < p; k++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += z[i][j] * z[i][k];
                }
                a[j][k] = s / n + (j == k ? alpha : 0);
            }
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += z[i][j] * yc[i];
            }
            rhs[j] = s / n;
        }
        double[] closed = Numerics.solve(a, rhs);
        for (int j = 0; j < p; j++) {
            assertThat(fit.coefficients()[j]).as("coefficient %d", j).isCloseTo(closed[j], within(1e-7));
        }
        double ym = 0;
        for (double v : y) {
            ym += v;
        }
        assertThat(fit.intercept()).isCloseTo(ym / n, within(1e-12));
        System.out.printf("ridge (alpha %.1f): coordinate descent %s vs closed form %s%n", alpha,
                java.util.Arrays.toString(fit.coefficients()), java.util.Arrays.toString(closed));
    }

    @Test
    void lassoLimits() {
        Random rnd = new Random(5);
        int n = 200;
        double[][] x = new double[n][2];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = rnd.nextGaussian();
            x[i][1] = rnd.nextGaussian();
            y[i] = 1 + 2 * x[i][0] + 0.01 * rnd.nextGaussian();
        }
        double[] yc = new double[n];
        double[][] z = standardise(x, y, yc);
        double[][] cols = new double[2][n];
        for (int i = 0; i < n; i++) {
            cols[0][i] = z[i][0];
            cols[1][i] = z[i][1];
        }
        double amax = ElasticNet.alphaMax(cols, yc, 1.0);
        assertThat(ElasticNet.fit(x, y, amax * 1.0001, 1.0, ElasticNetOptions.DEFAULT).coefficients()).containsOnly(0.0);
        assertThat(ElasticNet.fit(x, y, amax * 0.9, 1.0, ElasticNetOptions.DEFAULT).coefficients()[0]).isNotZero();
        // with a tiny penalty the lasso is least squares: slope 2 in raw units
        ElasticNet.Fit ols = ElasticNet.fit(x, y, 1e-9, 1.0, ElasticNetOptions.DEFAULT);
        assertThat(ols.coefficients()[0] / ols.sds()[0]).isCloseTo(2.0, within(1e-3));
        assertThat(ols.predict(new double[] {1, 0})).isCloseTo(3.0, within(1e-2));
    }

    @Test
    void foldsKeepGroupsTogether() {
        String[] groups = new String[50];
        for (int i = 0; i < 50; i++) {
            groups[i] = "batch" + (i % 7 == 0 ? 0 : i % 5 + 1);
        }
        for (long seed = 0; seed < 5; seed++) {
            int[] fold = ElasticNet.folds(groups, 4, seed);
            Map<String, Set<Integer>> seen = new HashMap<>();
            for (int i = 0; i < 50; i++) {
                seen.computeIfAbsent(groups[i], g -> new HashSet<>()).add(fold[i]);
            }
            assertThat(seen.values()).allMatch(s -> s.size() == 1);
            assertThat(java.util.Arrays.stream(fold).distinct().count()).isEqualTo(4);
        }
        assertThat(ElasticNet.folds(new String[] {"a", "a", "b", "b", "b"}, 4, 1)).containsOnly(0, 1);
        assertThatThrownBy(() -> ElasticNet.folds(new String[] {"a", "a", "a"}, 4, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    /** log10(life) = 1.2 − 0.5·log10 var(ΔQ) + noise, in 10 batches, with two irrelevant features. */
    @Test
    void cohortRecoversTheVarianceCoefficient() {
        Random rnd = new Random(2019);
        List<TrainingCell> cells = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            double var = -5 + 3 * rnd.nextDouble();
            double y = 1.2 - 0.5 * var + 0.04 * rnd.nextGaussian();
            Map<String, Double> f = new HashMap<>();
            f.put("delta_q_var_log10", var);
            f.put("noise_a", rnd.nextGaussian());
            f.put("noise_b", 5 + 2 * rnd.nextGaussian());
            cells.add(new TrainingCell("cell" + i, "batch" + (i % 10), f, Math.pow(10, y), false));
        }
        cells.add(new TrainingCell("censored", "batch0", cells.get(0).features(), 900, true));
        cells.add(new TrainingCell("gap", "batch0", Map.of("delta_q_var_log10", -3.0), 900, false));
        List<String> names = List.of("delta_q_var_log10", "noise_a", "noise_b");
        CycleLifeModel m = CycleLifeModel.train(cells, names, ElasticNetOptions.DEFAULT);
        double raw = m.coefficients().get(0) / m.sds().get(0);
        System.out.printf("cohort (120 cells, noise sd 0.04): recovered coefficient %.4f (true -0.5), noise coefficients %.4f %.4f, "
                        + "alpha %.3g, l1_ratio %.2f, CV RMSE %.4f log10 (%.1f cycles), MAPE %.2f %%, train RMSE %.1f cycles%n",
                raw, m.coefficients().get(1), m.coefficients().get(2), m.alpha(), m.l1Ratio(), m.cvRmseLog10(),
                m.cvRmseCycles(), m.cvMeanAbsPercentError(), m.trainRmseCycles());
        assertThat(raw).isCloseTo(-0.5, within(0.02));
        assertThat(m.cvRmseLog10()).isBetween(0.03, 0.05);
        assertThat(Math.abs(m.coefficients().get(1))).isLessThan(0.02 * Math.abs(m.coefficients().get(0)));
        assertThat(m.trainingCells()).hasSize(120).doesNotContain("censored", "gap");
        assertThat(m.excludedCells()).containsEntry("censored", "censored: end of life not reached")
                .containsEntry("gap", "feature noise_a missing");
        assertThat(m.folds()).isEqualTo(4);
        assertThat(m.target()).isEqualTo("log10_cycle_life");
        // prediction = the formula on z-scored features
        Map<String, Double> x = Map.of("delta_q_var_log10", -4.0, "noise_a", 0.0, "noise_b", 5.0);
        double manual = m.intercept();
        for (int j = 0; j < 3; j++) {
            manual += m.coefficients().get(j) * (x.get(names.get(j)) - m.means().get(j)) / m.sds().get(j);
        }
        assertThat(m.predictLog10(x)).isCloseTo(manual, within(1e-12));
        assertThat(m.predict(x)).isCloseTo(Math.pow(10, 1.2 + 2.0), within(0.05 * Math.pow(10, 3.2)));
        assertThat(m.predict(Map.of("delta_q_var_log10", -4.0))).isNaN();
        assertThat(m.missingFeatures(Map.of("delta_q_var_log10", -4.0))).containsExactly("noise_a", "noise_b");
    }

    /** Features from generated time series through EarlyLife, then the model: the variance model end to end. */
    @Test
    void endToEndFromTimeSeries() {
        Random rnd = new Random(7);
        List<TrainingCell> cells = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            double s = Math.pow(10, -4.7 + 1.0 * rnd.nextDouble()); // fade per cycle, 2e-5 .. 2e-4 Ah
            SyntheticCell.Data d = EarlyLifeTest.cell(100, k -> 1.1 - s * k, 0, false, 120);
            EarlyLifeFeatures f = EarlyLife.features(d.ts(), d.table(), d.steps(),
                    EarlyLifeOptions.DEFAULT.withVoltageWindow(2.0, 3.5));
            double var = f.features().get("delta_q_var_log10");
            double life = Math.pow(10, 0.9 - 0.45 * var + 0.03 * rnd.nextGaussian());
            cells.add(new TrainingCell("cell" + i, "batch" + (i % 6), f.features(), life, false));
        }
        CycleLifeModel m = CycleLifeModel.train(cells, List.of("delta_q_var_log10"), ElasticNetOptions.DEFAULT);
        double raw = m.coefficients().get(0) / m.sds().get(0);
        System.out.printf("end to end (24 generated cells, 6 batches): coefficient %.4f (true -0.45), CV RMSE %.4f log10 = %.1f cycles, "
                + "MAPE %.2f %%%n", raw, m.cvRmseLog10(), m.cvRmseCycles(), m.cvMeanAbsPercentError());
        assertThat(raw).isCloseTo(-0.45, within(0.05));
        assertThat(m.cvRmseLog10()).isLessThan(0.06);
    }

    @Test
    void optionsAreChecked() {
        assertThatThrownBy(() -> ElasticNetOptions.DEFAULT.withL1Ratios(List.of(1.5))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ElasticNetOptions.DEFAULT.withFolds(1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CycleLifeModel.train(List.of(), List.of(), ElasticNetOptions.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
