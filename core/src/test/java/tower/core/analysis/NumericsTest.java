package tower.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class NumericsTest {
    @Test
    void savitzkyGolayHasTheTextbookCoefficientsAndKeepsCubics() {
        double[][] rows = Numerics.savitzkyGolayRows(5, 2);
        double[] expected = {-3, 12, 17, 12, -3};
        for (int k = 0; k < 5; k++) {
            assertThat(rows[2][k]).isCloseTo(expected[k] / 35.0, within(1e-12));
        }
        double[][] seven = Numerics.savitzkyGolayRows(7, 3);
        double[] e7 = {-2, 3, 6, 7, 6, 3, -2};
        for (int k = 0; k < 7; k++) {
            assertThat(seven[3][k]).isCloseTo(e7[k] / 21.0, within(1e-12));
        }
        double[] y = new double[50];
        for (int k = 0; k < 50; k++) {
            double x = k * 0.1;
            y[k] = 1 - 2 * x + 0.5 * x * x - 0.1 * x * x * x;
        }
        double[] s = Numerics.savitzkyGolay(y, 9, 3);
        for (int k = 0; k < 50; k++) {
            assertThat(s[k]).as("point %d", k).isCloseTo(y[k], within(1e-9));
        }
    }

    @Test
    void savitzkyGolayEdgesMatchScipyInterpMode() {
        double[] y = new double[20];
        for (int k = 0; k < 20; k++) {
            y[k] = Math.sin(0.3 * k) + 0.1 * (k % 3);
        }
        // scipy.signal.savgol_filter(y, 7, 3, mode='interp')
        double[] scipy = {0.020157330757802346, 0.37699748171586767, 0.6786761684050802, 0.9092727638859885,
                1.0289150545409091, 1.0655801299160772, 1.0991548931189266, 0.9603160403608416, 0.7446277179546127,
                0.5545188064596723, 0.24064699856198396, -0.08578838683515258, -0.3124657638679015,
                -0.5854608877338836, -0.7972258319733176, -0.8456821797136049, -0.8928256399120658,
                -0.8324396953719548, -0.6909034746139061, -0.47045799490602463};
        double[] s = Numerics.savitzkyGolay(y, 7, 3);
        for (int k = 0; k < 20; k++) {
            assertThat(s[k]).as("point %d", k).isCloseTo(scipy[k], within(1e-12));
        }
    }

    @Test
    void gaussianSmoothingKeepsTheSumAndSpreadsAPeak() {
        double[] y = new double[200];
        y[3] = 1;
        y[100] = 2;
        double[] s = Numerics.gaussianSmooth(y, 5, 4);
        double sum = 0;
        for (double v : s) {
            sum += v;
        }
        assertThat(sum).isCloseTo(3.0, within(1e-12));
        assertThat(s[100]).isCloseTo(2 / (5 * Math.sqrt(2 * Math.PI)), within(1e-4));
        assertThat(s[105] / s[100]).isCloseTo(Math.exp(-0.5), within(1e-9));
    }

    @Test
    void momentsMatchScipyDefinitions() {
        double[] y = {1, 2, 3, 4, 10};
        double[] m = Numerics.moments(y);
        assertThat(m[0]).isEqualTo(4.0);
        assertThat(m[1]).isCloseTo(10.0, within(1e-12)); // ddof 0
        // scipy.stats.skew([1,2,3,4,10]) = 1.1384199576606167, scipy.stats.kurtosis(...) = -0.21199999999999974
        assertThat(m[2]).isCloseTo(1.1384199576606167, within(1e-12));
        assertThat(m[3]).isCloseTo(-0.21199999999999974, within(1e-12));
    }

    @Test
    void interpolationAndLines() {
        double[] xs = {0, 1, 3};
        double[] ys = {0, 10, 30};
        assertThat(Numerics.interp(xs, ys, 3, 2)).isEqualTo(20.0);
        assertThat(Numerics.interp(xs, ys, 3, -1)).isEqualTo(0.0);
        assertThat(Numerics.interp(xs, ys, 3, 9)).isEqualTo(30.0);
        assertThat(Numerics.interpSorted(xs, ys, 3, new double[] {-1, 0.5, 2, 5})).containsExactly(0, 5, 20, 30);
        Random rnd = new Random(1);
        double[] x = new double[100];
        double[] y = new double[100];
        for (int k = 0; k < 100; k++) {
            x[k] = k;
            y[k] = 3 - 0.25 * k + (k == 50 ? Double.NaN : 0);
        }
        double[] fit = Numerics.linearFit(x, y, 0, 100);
        assertThat(fit[0]).isCloseTo(-0.25, within(1e-12));
        assertThat(fit[1]).isCloseTo(3, within(1e-12));
        assertThat(Numerics.linearFit(x, y, 0, 1)[0]).isNaN();
        assertThat(Numerics.median(new double[] {5, Double.NaN, 1, 3, 2})).isEqualTo(2.5);
        assertThat(rnd).isNotNull();
    }
}
