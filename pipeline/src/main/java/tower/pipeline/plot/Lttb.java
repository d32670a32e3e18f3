package tower.pipeline.plot;

/**
 * Largest-Triangle-Three-Buckets downsampling (Steinarsson 2013): keeps the first and last points and, from each
 * of {@code n - 2} buckets, the point that spans the largest triangle with the point kept before it and the mean of
 * the next bucket, so peaks and steps survive. Points with a NaN x or y are skipped.
 */
public final class Lttb {
    private Lttb() {
    }

    /** The kept points' indices into x and y, ascending; all valid indices when there are at most {@code n}. */
    public static int[] indices(double[] x, double[] y, int n) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y differ in length");
        }
        if (n < 3) {
            throw new IllegalArgumentException("at least 3 points are needed");
        }
        int[] valid = validIndices(x, y);
        int m = valid.length;
        if (m <= n) {
            return valid;
        }
        int[] out = new int[n];
        out[0] = valid[0];
        double every = (double) (m - 2) / (n - 2);
        int a = 0;
        for (int b = 0; b < n - 2; b++) {
            int nextStart = (int) Math.floor((b + 1) * every) + 1;
            int nextEnd = Math.min((int) Math.floor((b + 2) * every) + 1, m);
            double avgX = 0;
            double avgY = 0;
            int count = Math.max(nextEnd - nextStart, 0);
            for (int k = nextStart; k < nextEnd; k++) {
                avgX += x[valid[k]];
                avgY += y[valid[k]];
            }
            if (count > 0) {
                avgX /= count;
                avgY /= count;
            } else {
                avgX = x[valid[m - 1]];
                avgY = y[valid[m - 1]];
            }
            int start = (int) Math.floor(b * every) + 1;
            int end = (int) Math.floor((b + 1) * every) + 1;
            double ax = x[valid[a]];
            double ay = y[valid[a]];
            double best = -1;
            int bestK = start;
            for (int k = start; k < end; k++) {
                double area = Math.abs((ax - avgX) * (y[valid[k]] - ay) - (ax - x[valid[k]]) * (avgY - ay));
                if (area > best) {
                    best = area;
                    bestK = k;
                }
            }
            out[b + 1] = valid[bestK];
            a = bestK;
        }
        out[n - 1] = valid[m - 1];
        return out;
    }

    private static int[] validIndices(double[] x, double[] y) {
        int count = 0;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
                count++;
            }
        }
        int[] v = new int[count];
        int j = 0;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
                v[j++] = i;
            }
        }
        return v;
    }

    /** The values at the kept indices. */
    public static double[] pick(double[] values, int[] indices) {
        double[] out = new double[indices.length];
        for (int i = 0; i < indices.length; i++) {
            out[i] = values[indices[i]];
        }
        return out;
    }
}
