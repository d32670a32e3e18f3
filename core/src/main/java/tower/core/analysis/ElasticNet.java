package tower.core.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Elastic net by cyclic coordinate descent on z-scored features (population standard deviation) and centred target,
 * with group-aware K-fold cross-validation over an α × l1_ratio grid: all rows of a group (a batch, a channel)
 * fall in the same fold, and each fold is z-scored with its own training rows only.
 */
public final class ElasticNet {
    private ElasticNet() {
    }

    /**
     * A fitted model: {@code y ≈ intercept + Σ coefficients[j]·(x[j] − means[j])/sds[j]}. A feature with no spread
     * gets sd 1 and coefficient 0.
     */
    public record Fit(double alpha, double l1Ratio, double[] coefficients, double intercept, double[] means,
                      double[] sds, int iterations) {
        public double predict(double[] x) {
            double s = intercept;
            for (int j = 0; j < coefficients.length; j++) {
                if (coefficients[j] != 0) {
                    s += coefficients[j] * (x[j] - means[j]) / sds[j];
                }
            }
            return s;
        }
    }

    /**
     * The cross-validation: the chosen α and l1_ratio, the mean held-out squared error at every grid point, and the
     * held-out predictions at the chosen point ({@code heldOut[repeat][row]}).
     */
    public record Cv(double alpha, double l1Ratio, double cvMse, double[][] alphaGrid, double[][] cvMseGrid,
                     int folds, int repeats, double[][] heldOut, Fit fit) {
    }

    /** Fits at one α and l1_ratio on rows x[i] (features in columns). */
    public static Fit fit(double[][] x, double[] y, double alpha, double l1Ratio, ElasticNetOptions o) {
        Prepared p = prepare(x, y, all(y.length));
        double[] b = new double[p.cols.length];
        int it = descend(p.cols, p.yc, alpha, l1Ratio, b, o.tolerance(), o.maxIterations());
        return new Fit(alpha, l1Ratio, b, p.yMean, p.means, p.sds, it);
    }

    /** Cross-validates over the grid, then refits on every row at the best point. */
    public static Cv crossValidate(double[][] x, double[] y, String[] groups, ElasticNetOptions o) {
        int n = y.length;
        if (n < 3) {
            throw new IllegalArgumentException("cross-validation needs at least 3 rows, not " + n);
        }
        List<Double> ratios = o.l1Ratios();
        Prepared full = prepare(x, y, all(n));
        double[][] grid = new double[ratios.size()][];
        for (int r = 0; r < ratios.size(); r++) {
            grid[r] = alphaGrid(alphaMax(full.cols, full.yc, ratios.get(r)), o.alphas(), o.alphaMinRatio());
        }
        double[][] sse = new double[ratios.size()][o.alphas()];
        int k = 0;
        for (int rep = 0; rep < o.repeats(); rep++) {
            int[] fold = folds(groups, o.folds(), o.seed() + rep);
            k = Arrays.stream(fold).max().orElse(0) + 1;
            for (int f = 0; f < k; f++) {
                int[] train = select(fold, f, false);
                int[] test = select(fold, f, true);
                Prepared p = prepare(x, y, train);
                for (int r = 0; r < ratios.size(); r++) {
                    double[] b = new double[p.cols.length];
                    for (int a = 0; a < o.alphas(); a++) {
                        descend(p.cols, p.yc, grid[r][a], ratios.get(r), b, o.tolerance(), o.maxIterations());
                        for (int i : test) {
                            double e = y[i] - p.predict(b, x[i]);
                            sse[r][a] += e * e;
                        }
                    }
                }
            }
        }
        int bestR = 0, bestA = 0;
        double[][] mse = new double[ratios.size()][o.alphas()];
        for (int r = 0; r < ratios.size(); r++) {
            for (int a = 0; a < o.alphas(); a++) {
                mse[r][a] = sse[r][a] / ((double) n * o.repeats());
                if (mse[r][a] < mse[bestR][bestA]) {
                    bestR = r;
                    bestA = a;
                }
            }
        }
        double alpha = grid[bestR][bestA], l1 = ratios.get(bestR);
        double[][] heldOut = new double[o.repeats()][n];
        for (int rep = 0; rep < o.repeats(); rep++) {
            int[] fold = folds(groups, o.folds(), o.seed() + rep);
            int kk = Arrays.stream(fold).max().orElse(0) + 1;
            for (int f = 0; f < kk; f++) {
                Prepared p = prepare(x, y, select(fold, f, false));
                double[] b = path(p, grid[bestR], bestA, l1, o);
                for (int i : select(fold, f, true)) {
                    heldOut[rep][i] = p.predict(b, x[i]);
                }
            }
        }
        double[] b = path(full, grid[bestR], bestA, l1, o);
        Fit fit = new Fit(alpha, l1, b, full.yMean, full.means, full.sds, 0);
        return new Cv(alpha, l1, mse[bestR][bestA], grid, mse, k, o.repeats(), heldOut, fit);
    }

    /** Coefficients at grid[upTo], reached along the path from α_max with warm starts (as in the search). */
    private static double[] path(Prepared p, double[] grid, int upTo, double l1, ElasticNetOptions o) {
        double[] b = new double[p.cols.length];
        for (int a = 0; a <= upTo; a++) {
            descend(p.cols, p.yc, grid[a], l1, b, o.tolerance(), o.maxIterations());
        }
        return b;
    }

    /**
     * Assigns each row a fold so that a group never spans two folds: groups are shuffled with the seed, then taken
     * largest first into the fold with the fewest rows so far.
     */
    static int[] folds(String[] groups, int k, long seed) {
        Map<String, List<Integer>> byGroup = new LinkedHashMap<>();
        for (int i = 0; i < groups.length; i++) {
            byGroup.computeIfAbsent(groups[i], g -> new ArrayList<>()).add(i);
        }
        List<List<Integer>> list = new ArrayList<>(byGroup.values());
        if (list.size() < 2) {
            throw new IllegalArgumentException("cross-validation needs at least 2 groups (batches), not " + list.size());
        }
        int folds = Math.min(k, list.size());
        java.util.Collections.shuffle(list, new Random(seed));
        list.sort(Comparator.comparingInt(l -> -l.size())); // stable: equal sizes keep the shuffled order
        int[] size = new int[folds];
        int[] out = new int[groups.length];
        for (List<Integer> g : list) {
            int f = 0;
            for (int j = 1; j < folds; j++) {
                if (size[j] < size[f]) {
                    f = j;
                }
            }
            for (int i : g) {
                out[i] = f;
            }
            size[f] += g.size();
        }
        return out;
    }

    private static int[] select(int[] fold, int f, boolean in) {
        return java.util.stream.IntStream.range(0, fold.length).filter(i -> (fold[i] == f) == in).toArray();
    }

    private static int[] all(int n) {
        return java.util.stream.IntStream.range(0, n).toArray();
    }

    /** Rows z-scored column by column, the target centred. */
    private static final class Prepared {
        double[][] cols;
        double[] yc;
        double yMean;
        double[] means;
        double[] sds;

        double predict(double[] b, double[] row) {
            double s = yMean;
            for (int j = 0; j < b.length; j++) {
                if (b[j] != 0) {
                    s += b[j] * (row[j] - means[j]) / sds[j];
                }
            }
            return s;
        }
    }

    private static Prepared prepare(double[][] x, double[] y, int[] rows) {
        int n = rows.length;
        int p = x.length == 0 ? 0 : x[rows[0]].length;
        Prepared out = new Prepared();
        out.means = new double[p];
        out.sds = new double[p];
        out.cols = new double[p][n];
        for (int j = 0; j < p; j++) {
            double m = 0;
            for (int i : rows) {
                m += x[i][j];
            }
            m /= n;
            double v = 0;
            for (int i : rows) {
                double d = x[i][j] - m;
                v += d * d;
            }
            double sd = Math.sqrt(v / n);
            boolean flat = !(sd > 1e-12 * Math.max(1, Math.abs(m)));
            out.means[j] = m;
            out.sds[j] = flat ? 1 : sd;
            for (int k = 0; k < n; k++) {
                out.cols[j][k] = flat ? 0 : (x[rows[k]][j] - m) / sd;
            }
        }
        double ym = 0;
        for (int i : rows) {
            ym += y[i];
        }
        ym /= n;
        out.yMean = ym;
        out.yc = new double[n];
        for (int k = 0; k < n; k++) {
            out.yc[k] = y[rows[k]] - ym;
        }
        return out;
    }

    static double alphaMax(double[][] cols, double[] yc, double l1) {
        int n = yc.length;
        double max = 0;
        for (double[] c : cols) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += c[i] * yc[i];
            }
            max = Math.max(max, Math.abs(s) / n);
        }
        double a = max / Math.max(l1, 1e-3);
        return a > 0 ? a : 1e-6;
    }

    static double[] alphaGrid(double max, int count, double minRatio) {
        double[] g = new double[count];
        if (count == 1) {
            g[0] = max;
            return g;
        }
        double lo = Math.log(max * minRatio), hi = Math.log(max);
        for (int k = 0; k < count; k++) {
            g[k] = Math.exp(hi + (lo - hi) * k / (count - 1));
        }
        return g;
    }

    /**
     * Cyclic coordinate descent from b (updated in place) on columns cols[j][i] and centred y; returns the sweeps.
     */
    static int descend(double[][] cols, double[] y, double alpha, double l1, double[] b, double tol, int maxIter) {
        int p = cols.length;
        int n = y.length;
        double[] r = y.clone();
        double[] z = new double[p];
        for (int j = 0; j < p; j++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += cols[j][i] * cols[j][i];
            }
            z[j] = s / n;
            if (b[j] != 0) {
                for (int i = 0; i < n; i++) {
                    r[i] -= cols[j][i] * b[j];
                }
            }
        }
        double l1Pen = alpha * l1, l2Pen = alpha * (1 - l1);
        int it = 0;
        while (it < maxIter) {
            it++;
            double maxDelta = 0, maxB = 0;
            for (int j = 0; j < p; j++) {
                if (z[j] == 0) {
                    b[j] = 0;
                    continue;
                }
                double[] c = cols[j];
                double rho = 0;
                for (int i = 0; i < n; i++) {
                    rho += c[i] * r[i];
                }
                rho = rho / n + z[j] * b[j];
                double nb = Math.signum(rho) * Math.max(0, Math.abs(rho) - l1Pen) / (z[j] + l2Pen);
                double d = nb - b[j];
                if (d != 0) {
                    for (int i = 0; i < n; i++) {
                        r[i] -= c[i] * d;
                    }
                    b[j] = nb;
                }
                maxDelta = Math.max(maxDelta, Math.abs(d));
                maxB = Math.max(maxB, Math.abs(nb));
            }
            if (maxDelta <= tol * Math.max(1, maxB)) {
                break;
            }
        }
        return it;
    }
}
