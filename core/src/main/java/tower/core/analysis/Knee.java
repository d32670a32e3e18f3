package tower.core.analysis;

import java.util.OptionalLong;

/**
 * Knee and knee onset of a capacity-fade curve. The knee is the breakpoint of the Bacon–Watts two-segment model
 * y = α0 + α1(x − x1) + α2(x − x1)·tanh((x − x1)/γ) in its γ → 0 limit (a continuous hinge), fitted by least
 * squares with x1 searched over the observed cycles. The knee onset is the first breakpoint of the double
 * Bacon–Watts model (two hinges, Fermín-Cueto et al. 2020, Energy and AI 1:100006), searched with the first
 * breakpoint no later than the knee.
 */
final class Knee {
    static final String METHOD = "bacon_watts_hinge (gamma->0) for the knee; double_bacon_watts first breakpoint "
            + "(Fermin-Cueto et al. 2020) for the onset; least squares over observed cycles";
    private static final int MIN_SIDE = 3;
    private static final int GRID = 80;

    private Knee() {
    }

    /** Suffix sums over points k..n-1 of 1, x, x², y, xy (x scaled to [0,1], y centred). */
    private static final class Sums {
        final double[] x;
        final double[] y;
        final double[] t1, tx, txx, ty, txy;
        final double syy;
        final int n;

        Sums(double[] x, double[] y) {
            n = x.length;
            this.x = x;
            this.y = y;
            t1 = new double[n + 1];
            tx = new double[n + 1];
            txx = new double[n + 1];
            ty = new double[n + 1];
            txy = new double[n + 1];
            double s = 0;
            for (int k = n - 1; k >= 0; k--) {
                t1[k] = t1[k + 1] + 1;
                tx[k] = tx[k + 1] + x[k];
                txx[k] = txx[k + 1] + x[k] * x[k];
                ty[k] = ty[k + 1] + y[k];
                txy[k] = txy[k + 1] + x[k] * y[k];
                s += y[k] * y[k];
            }
            syy = s;
        }
    }

    /** Result of a fit: breakpoint indices, coefficients and residual sum of squares. */
    private record Fit(int k1, int k2, double[] beta, double sse) {
    }

    static KneeFit find(double[] cycles, double[] capacity, int minCycles, double minF) {
        int n = cycles.length;
        if (n < Math.max(minCycles, 2 * MIN_SIDE + 1)) {
            return KneeFit.none("too few regular cycles for a knee (" + n + ")");
        }
        double x0 = cycles[0], span = cycles[n - 1] - cycles[0];
        if (!(span > 0)) {
            return KneeFit.none("cycles do not span a range");
        }
        double mean = 0;
        for (double v : capacity) {
            mean += v;
        }
        mean /= n;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int k = 0; k < n; k++) {
            x[k] = (cycles[k] - x0) / span;
            y[k] = capacity[k] - mean;
        }
        Sums s = new Sums(x, y);
        double sseLine = lineSse(s);
        Fit best = null;
        for (int k = MIN_SIDE - 1; k <= n - 1 - MIN_SIDE; k++) {
            Fit f = hinge(s, k);
            if (f != null && (best == null || f.sse < best.sse)) {
                best = f;
            }
        }
        if (best == null) {
            return KneeFit.none("the hinge model could not be fitted");
        }
        double slopeBefore = best.beta[1] / span;
        double slopeAfter = (best.beta[1] + best.beta[2]) / span;
        double f = best.sse > 0 ? ((sseLine - best.sse) / 2) / (best.sse / (n - 4)) : Double.POSITIVE_INFINITY;
        if (!(best.beta[2] < 0)) {
            return new KneeFit(METHOD, OptionalLong.empty(), OptionalLong.empty(), slopeBefore, slopeAfter, f,
                    "fade does not speed up: no knee");
        }
        if (!(f >= minF)) {
            return new KneeFit(METHOD, OptionalLong.empty(), OptionalLong.empty(), slopeBefore, slopeAfter, f,
                    "a hinge is not significantly better than a straight line: no knee");
        }
        long knee = Math.round(cycles[best.k1]);
        Fit onset = doubleHinge(s, best.k1);
        OptionalLong onsetCycle = onset == null ? OptionalLong.empty() : OptionalLong.of(Math.round(cycles[onset.k1]));
        return new KneeFit(METHOD, OptionalLong.of(knee), onsetCycle, slopeBefore, slopeAfter, f,
                onset == null ? "no double Bacon-Watts fit with accelerating fade: no onset" : "");
    }

    private static double lineSse(Sums s) {
        double sx = s.tx[0], sxx = s.txx[0], sy = s.ty[0], sxy = s.txy[0], n = s.n;
        double[] b = Numerics.solve(new double[][] {{n, sx}, {sx, sxx}}, new double[] {sy, sxy});
        return b == null ? Double.NaN : s.syy - (b[0] * sy + b[1] * sxy);
    }

    /** y = b0 + b1 x + b2 (x − x_k)+ ; the points after index k carry the hinge. */
    private static Fit hinge(Sums s, int k) {
        double c = s.x[k];
        int a = k + 1;
        double h = s.tx[a] - c * s.t1[a];
        double hh = s.txx[a] - 2 * c * s.tx[a] + c * c * s.t1[a];
        double xh = s.txx[a] - c * s.tx[a];
        double yh = s.txy[a] - c * s.ty[a];
        double[][] m = {{s.n, s.tx[0], h}, {s.tx[0], s.txx[0], xh}, {h, xh, hh}};
        double[] rhs = {s.ty[0], s.txy[0], yh};
        double[] b = Numerics.solve(m, rhs);
        if (b == null) {
            return null;
        }
        return new Fit(k, -1, b, s.syy - (b[0] * rhs[0] + b[1] * rhs[1] + b[2] * rhs[2]));
    }

    /** y = b0 + b1 x + b2 (x − x_i)+ + b3 (x − x_j)+ with i &lt; j. */
    private static Fit twoHinges(Sums s, int i, int j) {
        double c1 = s.x[i], c2 = s.x[j];
        int a = i + 1, b = j + 1;
        double h1 = s.tx[a] - c1 * s.t1[a];
        double h2 = s.tx[b] - c2 * s.t1[b];
        double h1h1 = s.txx[a] - 2 * c1 * s.tx[a] + c1 * c1 * s.t1[a];
        double h2h2 = s.txx[b] - 2 * c2 * s.tx[b] + c2 * c2 * s.t1[b];
        double h1h2 = s.txx[b] - (c1 + c2) * s.tx[b] + c1 * c2 * s.t1[b];
        double xh1 = s.txx[a] - c1 * s.tx[a];
        double xh2 = s.txx[b] - c2 * s.tx[b];
        double yh1 = s.txy[a] - c1 * s.ty[a];
        double yh2 = s.txy[b] - c2 * s.ty[b];
        double[][] m = {
                {s.n, s.tx[0], h1, h2},
                {s.tx[0], s.txx[0], xh1, xh2},
                {h1, xh1, h1h1, h1h2},
                {h2, xh2, h1h2, h2h2}};
        double[] rhs = {s.ty[0], s.txy[0], yh1, yh2};
        double[] beta = Numerics.solve(m, rhs);
        if (beta == null) {
            return null;
        }
        double sse = s.syy - (beta[0] * rhs[0] + beta[1] * rhs[1] + beta[2] * rhs[2] + beta[3] * rhs[3]);
        return new Fit(i, j, beta, sse);
    }

    /**
     * Best two-hinge fit with both slope changes negative and the first breakpoint at or before the knee: a coarse
     * grid of breakpoint pairs, then finer grids around the best pair down to single cycles.
     */
    private static Fit doubleHinge(Sums s, int kneeIndex) {
        int n = s.n;
        int lo = MIN_SIDE - 1, hi = n - 1 - MIN_SIDE;
        int iMax = Math.min(kneeIndex, hi - 1);
        int step = Math.max(1, (hi - lo) / GRID);
        Fit best = null;
        for (int i = lo; i <= iMax; i += step) {
            for (int j = i + 1; j <= hi; j += step) {
                best = better(best, s, i, j);
            }
        }
        if (best == null) {
            return null;
        }
        while (true) {
            int radius = step;
            step = Math.max(1, step / 3);
            int bi = best.k1, bj = best.k2;
            for (int i = Math.max(lo, bi - radius); i <= Math.min(iMax, bi + radius); i += step) {
                for (int j = Math.max(i + 1, bj - radius); j <= Math.min(hi, bj + radius); j += step) {
                    best = better(best, s, i, j);
                }
            }
            if (radius == 1) {
                return best;
            }
        }
    }

    private static Fit better(Fit best, Sums s, int i, int j) {
        Fit f = twoHinges(s, i, j);
        if (f != null && f.beta[2] < 0 && f.beta[3] < 0 && (best == null || f.sse < best.sse)) {
            return f;
        }
        return best;
    }
}
