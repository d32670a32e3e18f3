package tower.core.analysis;

import java.util.Map;

/**
 * One cell offered to {@link CycleLifeModel#train}.
 *
 * @param cellId     the cell (or test) id
 * @param group      its batch or channel: cells of one group never fall on both sides of a fold
 * @param features   its features by name (e.g. {@link EarlyLifeFeatures#features()})
 * @param cycleLife  its observed cycle life (the EOL cycle)
 * @param censored   true when EOL was not reached (the cell is then left out of training)
 */
public record TrainingCell(String cellId, String group, Map<String, Double> features, double cycleLife, boolean censored) {
}
