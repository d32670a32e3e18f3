package tower.core.analysis;

import java.util.Arrays;

/** Small numerical routines the analyses share (core has no numerical library). */
final class Numerics {
    private Numerics() {
    }

    /** Least-squares line through (x, y) for indices [from, to); {slope, intercept}, NaN with fewer than 2 points. */
    static double[] linearFit(double[] x, double[] y, int from, int to) {
        int n = 0;
        double sx = 0, sy = 0;
        for (int k = from; k < to; k++) {
            if (Double.isFinite(x[k]) && Double.isFinite(y[k])) {
                sx += x[k];
                sy += y[k];
                n++;
            }
        }
        if (n < 2) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double mx = sx / n, my = sy / n, sxx = 0, sxy = 0;
        for (int k = from; k < to; k++) {
            if (Double.isFinite(x[k]) && Double.isFinite(y[k])) {
                double dx = x[k] - mx;
                sxx += dx * dx;
                sxy += dx * (y[k] - my);
            }
        }
        if (sxx == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double slope = sxy / sxx;
        return new double[] {slope, my - slope * mx};
    }

    static double median(double[] values, int n) {
        double[] c = new double[n];
        int m = 0;
        for (int k = 0; k < n; k++) {
            if (!Double.isNaN(values[k])) {
                c[m++] = values[k];
            }
        }
        if (m == 0) {
            return Double.NaN;
        }
        Arrays.sort(c, 0, m);
        return m % 2 == 1 ? c[m / 2] : 0.5 * (c[m / 2 - 1] + c[m / 2]);
    }

    static double median(double[] values) {
        return median(values, values.length);
    }

    /**
     * Linear interpolation of (xs, ys) at x; xs strictly increasing. Outside the range the end values are held
     * (like numpy's interp).
     */
    static double interp(double[] xs, double[] ys, int n, double x) {
        if (n == 0) {
            return Double.NaN;
        }
        if (x <= xs[0]) {
            return ys[0];
        }
        if (x >= xs[n - 1]) {
            return ys[n - 1];
        }
        int lo = 0, hi = n - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (xs[mid] <= x) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double f = (x - xs[lo]) / (xs[hi] - xs[lo]);
        return ys[lo] + f * (ys[hi] - ys[lo]);
    }

    /** Interpolates at increasing query points in one sweep; same end rule as {@link #interp}. */
    static double[] interpSorted(double[] xs, double[] ys, int n, double[] queries) {
        double[] out = new double[queries.length];
        int k = 0;
        for (int q = 0; q < queries.length; q++) {
            double x = queries[q];
            if (n == 0) {
                out[q] = Double.NaN;
            } else if (x <= xs[0]) {
                out[q] = ys[0];
            } else if (x >= xs[n - 1]) {
                out[q] = ys[n - 1];
            } else {
                while (k + 1 < n && xs[k + 1] <= x) {
                    k++;
                }
                double f = (x - xs[k]) / (xs[k + 1] - xs[k]);
                out[q] = ys[k] + f * (ys[k + 1] - ys[k]);
            }
        }
        return out;
    }

    /** n points from a to b inclusive. */
    static double[] linspace(double a, double b, int n) {
        double[] out = new double[n];
        if (n == 1) {
            out[0] = a;
            return out;
        }
        double step = (b - a) / (n - 1);
        for (int k = 0; k < n; k++) {
            out[k] = a + k * step;
        }
        out[n - 1] = b;
        return out;
    }

    /**
     * Gaussian smoothing that conserves the sum of the values: each input value is spread over its neighbours with
     * weights renormalised where the kernel is cut by the ends, so the area under a derivative curve is unchanged.
     */
    static double[] gaussianSmooth(double[] y, double sigmaPoints, double truncate) {
        int n = y.length;
        if (!(sigmaPoints > 0) || n < 2) {
            return y.clone();
        }
        int half = Math.max(1, (int) Math.ceil(truncate * sigmaPoints));
        double[] w = new double[2 * half + 1];
        for (int k = -half; k <= half; k++) {
            w[k + half] = Math.exp(-0.5 * (k / sigmaPoints) * (k / sigmaPoints));
        }
        double full = 0;
        for (double x : w) {
            full += x;
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(y[i])) {
                continue;
            }
            int lo = Math.max(0, i - half), hi = Math.min(n - 1, i + half);
            double total = full;
            if (lo != i - half || hi != i + half) {
                total = 0;
                for (int j = lo; j <= hi; j++) {
                    total += w[j - i + half];
                }
            }
            double scale = y[i] / total;
            for (int j = lo; j <= hi; j++) {
                out[j] += scale * w[j - i + half];
            }
        }
        return out;
    }

    /**
     * Savitzky–Golay smoothing of equally spaced values: a least-squares polynomial of the given order over each
     * window, evaluated at the window's centre; the first and last half-windows use the polynomial fitted to the
     * first and last full windows, evaluated at their own positions.
     */
    static double[] savitzkyGolay(double[] y, int window, int order) {
        int n = y.length;
        if (window > n) {
            window = n % 2 == 1 ? n : n - 1;
        }
        if (window <= order || window < 3) {
            return y.clone();
        }
        int half = window / 2;
        double[][] rows = savitzkyGolayRows(window, order);
        double[] out = new double[n];
        double[] centre = rows[half];
        for (int i = half; i < n - half; i++) {
            double s = 0;
            for (int k = 0; k < window; k++) {
                s += centre[k] * y[i - half + k];
            }
            out[i] = s;
        }
        for (int p = 0; p < half; p++) {
            double a = 0, b = 0;
            for (int k = 0; k < window; k++) {
                a += rows[p][k] * y[k];
                b += rows[window - 1 - p][k] * y[n - window + k];
            }
            out[p] = a;
            out[n - 1 - p] = b;
        }
        return out;
    }

    /**
     * Row p of the hat matrix A (AᵀA)⁻¹ Aᵀ for a polynomial fit over {@code window} points: the weights that give
     * the fitted value at position p.
     */
    static double[][] savitzkyGolayRows(int window, int order) {
        int m = order + 1;
        int half = window / 2;
        double[][] a = new double[window][m];
        for (int k = 0; k < window; k++) {
            double x = k - half;
            double p = 1;
            for (int j = 0; j < m; j++) {
                a[k][j] = p;
                p *= x;
            }
        }
        double[][] ata = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                double s = 0;
                for (int k = 0; k < window; k++) {
                    s += a[k][i] * a[k][j];
                }
                ata[i][j] = s;
            }
        }
        double[][] inv = invert(ata);
        double[][] rows = new double[window][window];
        for (int p = 0; p < window; p++) {
            // c = inv * a[p]; weight of point k = a[k] · c
            double[] c = new double[m];
            for (int i = 0; i < m; i++) {
                double s = 0;
                for (int j = 0; j < m; j++) {
                    s += inv[i][j] * a[p][j];
                }
                c[i] = s;
            }
            for (int k = 0; k < window; k++) {
                double s = 0;
                for (int j = 0; j < m; j++) {
                    s += a[k][j] * c[j];
                }
                rows[p][k] = s;
            }
        }
        return rows;
    }

    /** Solves A x = b by Gaussian elimination with partial pivoting; null when A is singular. */
    static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            m[i] = Arrays.copyOf(a[i], n + 1);
            m[i][n] = b[i];
        }
        double scale = 0;
        for (double[] row : a) {
            for (double v : row) {
                scale = Math.max(scale, Math.abs(v));
            }
        }
        for (int col = 0; col < n; col++) {
            int piv = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[piv][col])) {
                    piv = r;
                }
            }
            if (Math.abs(m[piv][col]) <= 1e-13 * scale || scale == 0) {
                return null;
            }
            double[] t = m[piv];
            m[piv] = m[col];
            m[col] = t;
            for (int r = col + 1; r < n; r++) {
                double f = m[r][col] / m[col][col];
                if (f != 0) {
                    for (int c = col; c <= n; c++) {
                        m[r][c] -= f * m[col][c];
                    }
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = m[r][n];
            for (int c = r + 1; c < n; c++) {
                s -= m[r][c] * x[c];
            }
            x[r] = s / m[r][r];
        }
        return x;
    }

    static double[][] invert(double[][] a) {
        int n = a.length;
        double[][] out = new double[n][n];
        for (int col = 0; col < n; col++) {
            double[] e = new double[n];
            e[col] = 1;
            double[] x = solve(a, e);
            if (x == null) {
                throw new ArithmeticException("singular matrix");
            }
            for (int r = 0; r < n; r++) {
                out[r][col] = x[r];
            }
        }
        return out;
    }

    /** {mean, population variance, skewness (biased), excess kurtosis (biased)} as scipy.stats' defaults. */
    static double[] moments(double[] y) {
        int n = y.length;
        double mean = 0;
        for (double v : y) {
            mean += v;
        }
        mean /= n;
        double m2 = 0, m3 = 0, m4 = 0;
        for (double v : y) {
            double d = v - mean;
            double d2 = d * d;
            m2 += d2;
            m3 += d2 * d;
            m4 += d2 * d2;
        }
        m2 /= n;
        m3 /= n;
        m4 /= n;
        double skew = m2 > 0 ? m3 / Math.pow(m2, 1.5) : Double.NaN;
        double kurt = m2 > 0 ? m4 / (m2 * m2) - 3.0 : Double.NaN;
        return new double[] {mean, m2, skew, kurt};
    }

    /** Cumulative trapezoid integral of y over t, starting at 0. */
    static double[] cumulativeTrapezoid(double[] t, double[] y) {
        double[] out = new double[t.length];
        for (int k = 1; k < t.length; k++) {
            out[k] = out[k - 1] + 0.5 * (y[k] + y[k - 1]) * (t[k] - t[k - 1]);
        }
        return out;
    }
}
