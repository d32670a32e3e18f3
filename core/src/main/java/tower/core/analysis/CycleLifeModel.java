package tower.core.analysis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A cycle-life model in the manner of Severson et al. 2019: an elastic net predicting log10(cycle life) from
 * z-scored features. {@code log10(life) = intercept + Σ coefficients[j]·(x[j] − means[j])/sds[j]}.
 *
 * @param target                 {@code log10_cycle_life}
 * @param features               feature names, in the order of the lists below
 * @param coefficients           coefficients on z-scored features
 * @param intercept              the mean training target
 * @param means                  training means of the features
 * @param sds                    training standard deviations (population; 1 for a feature without spread)
 * @param alpha                  chosen α
 * @param l1Ratio                chosen l1_ratio
 * @param trainingCells          cells the model was fitted on
 * @param excludedCells          cells left out, with the reason (censored, missing feature)
 * @param cvRmseLog10            held-out RMSE of log10(cycle life) at the chosen point
 * @param cvRmseCycles           held-out RMSE in cycles
 * @param cvMeanAbsPercentError  held-out mean absolute percentage error of cycle life
 * @param trainRmseCycles        RMSE in cycles of the final model on its own training cells
 * @param folds                  folds used
 * @param repeats                Monte-Carlo repeats of the fold assignment
 * @param foldRule               how folds were made
 * @param options                every parameter of the search
 */
public record CycleLifeModel(String target, List<String> features, List<Double> coefficients, double intercept,
                             List<Double> means, List<Double> sds, double alpha, double l1Ratio,
                             List<String> trainingCells, Map<String, String> excludedCells, double cvRmseLog10,
                             double cvRmseCycles, double cvMeanAbsPercentError, double trainRmseCycles, int folds,
                             int repeats, String foldRule, ElasticNetOptions options) {
    public static final String TARGET = "log10_cycle_life";

    /**
     * Fits the model on the cells that reached EOL and have every named feature, choosing α and l1_ratio by
     * group-aware cross-validation.
     */
    public static CycleLifeModel train(List<TrainingCell> cells, List<String> featureNames, ElasticNetOptions o) {
        if (featureNames.isEmpty()) {
            throw new IllegalArgumentException("no features named");
        }
        Map<String, String> excluded = new LinkedHashMap<>();
        List<TrainingCell> kept = new ArrayList<>();
        for (TrainingCell c : cells) {
            if (c.censored()) {
                excluded.put(c.cellId(), "censored: end of life not reached");
                continue;
            }
            if (!(c.cycleLife() > 0)) {
                excluded.put(c.cellId(), "no cycle life");
                continue;
            }
            String bad = null;
            for (String f : featureNames) {
                Double v = c.features().get(f);
                if (v == null || !Double.isFinite(v)) {
                    bad = f;
                    break;
                }
            }
            if (bad != null) {
                excluded.put(c.cellId(), "feature " + bad + " missing");
                continue;
            }
            kept.add(c);
        }
        int n = kept.size();
        int p = featureNames.size();
        double[][] x = new double[n][p];
        double[] y = new double[n];
        String[] groups = new String[n];
        List<String> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            TrainingCell c = kept.get(i);
            for (int j = 0; j < p; j++) {
                x[i][j] = c.features().get(featureNames.get(j));
            }
            y[i] = Math.log10(c.cycleLife());
            groups[i] = c.group();
            ids.add(c.cellId());
        }
        ElasticNet.Cv cv = ElasticNet.crossValidate(x, y, groups, o);
        double se = 0, ape = 0;
        int count = 0;
        for (double[] rep : cv.heldOut()) {
            for (int i = 0; i < n; i++) {
                double pred = Math.pow(10, rep[i]), obs = Math.pow(10, y[i]);
                se += (pred - obs) * (pred - obs);
                ape += Math.abs(pred - obs) / obs;
                count++;
            }
        }
        double trainSe = 0;
        for (int i = 0; i < n; i++) {
            double d = Math.pow(10, cv.fit().predict(x[i])) - Math.pow(10, y[i]);
            trainSe += d * d;
        }
        ElasticNet.Fit f = cv.fit();
        return new CycleLifeModel(TARGET, List.copyOf(featureNames), Dqdv.list(f.coefficients()), f.intercept(),
                Dqdv.list(f.means()), Dqdv.list(f.sds()), cv.alpha(), cv.l1Ratio(), List.copyOf(ids),
                Collections.unmodifiableMap(excluded), Math.sqrt(cv.cvMse()), Math.sqrt(se / count),
                100 * ape / count, Math.sqrt(trainSe / n), cv.folds(), cv.repeats(),
                "group-aware K-fold: groups shuffled with the seed, largest first into the smallest fold; "
                        + "z-scoring fitted on each fold's training cells", o);
    }

    /** Predicted log10(cycle life); NaN when a feature is missing or not finite. */
    public double predictLog10(Map<String, Double> values) {
        double s = intercept;
        for (int j = 0; j < features.size(); j++) {
            Double v = values.get(features.get(j));
            if (v == null || !Double.isFinite(v)) {
                return Double.NaN;
            }
            s += coefficients.get(j) * (v - means.get(j)) / sds.get(j);
        }
        return s;
    }

    /** Predicted cycle life in cycles; NaN when a feature is missing. */
    public double predict(Map<String, Double> values) {
        return Math.pow(10, predictLog10(values));
    }

    public double predict(EarlyLifeFeatures f) {
        return predict(f.features());
    }

    /** The features a prediction lacks (missing or not finite). */
    public List<String> missingFeatures(Map<String, Double> values) {
        List<String> out = new ArrayList<>();
        for (String name : features) {
            Double v = values.get(name);
            if (v == null || !Double.isFinite(v)) {
                out.add(name);
            }
        }
        return out;
    }
}
