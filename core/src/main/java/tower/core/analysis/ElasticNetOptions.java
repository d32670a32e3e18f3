package tower.core.analysis;

import java.util.List;

/**
 * Parameters of {@link ElasticNet}: the objective is (1/2n)·‖y − Xb‖² + α·l1·‖b‖₁ + α·(1 − l1)/2·‖b‖² on z-scored X
 * and centred y (scikit-learn's convention).
 *
 * @param l1Ratios        the l1_ratio grid searched
 * @param alphas          number of α values per l1_ratio, log-spaced from α_max (where every coefficient is zero;
 *                        for l1_ratio below 0.001 it is computed at 0.001) down to α_max·alphaMinRatio
 * @param alphaMinRatio   smallest α relative to α_max
 * @param folds           cross-validation folds (fewer when there are fewer groups)
 * @param repeats         Monte-Carlo repeats of the fold assignment, averaged
 * @param seed            seed of the fold shuffles
 * @param tolerance       coordinate descent stops when no coefficient moves more than this
 * @param maxIterations   coordinate descent sweeps at most
 */
public record ElasticNetOptions(List<Double> l1Ratios, int alphas, double alphaMinRatio, int folds, int repeats,
                                long seed, double tolerance, int maxIterations) {
    public static final ElasticNetOptions DEFAULT = new ElasticNetOptions(List.of(0.1, 0.5, 0.7, 0.9, 0.95, 0.99, 1.0),
            100, 1e-3, 4, 5, 42, 1e-9, 100_000);

    public ElasticNetOptions {
        l1Ratios = List.copyOf(l1Ratios);
        if (l1Ratios.isEmpty() || alphas < 1 || folds < 2 || repeats < 1) {
            throw new IllegalArgumentException("need l1 ratios, at least 1 alpha, 2 folds and 1 repeat");
        }
        for (double r : l1Ratios) {
            if (r < 0 || r > 1) {
                throw new IllegalArgumentException("l1_ratio must lie in [0, 1], not " + r);
            }
        }
    }

    public ElasticNetOptions withL1Ratios(List<Double> ratios) {
        return new ElasticNetOptions(ratios, alphas, alphaMinRatio, folds, repeats, seed, tolerance, maxIterations);
    }

    public ElasticNetOptions withFolds(int k, int r) {
        return new ElasticNetOptions(l1Ratios, alphas, alphaMinRatio, k, r, seed, tolerance, maxIterations);
    }
}
