package tower.core.analysis;

import java.util.OptionalLong;

/**
 * The knee search of a fade curve.
 *
 * @param method                 the models and how they were fitted
 * @param kneeCycle              the knee (Bacon–Watts breakpoint), when the fade speeds up significantly
 * @param kneeOnsetCycle         the onset (first breakpoint of the double Bacon–Watts fit)
 * @param slopeBeforeAhPerCycle  fitted fade slope before the knee breakpoint
 * @param slopeAfterAhPerCycle   fitted fade slope after it
 * @param fStatistic             F statistic of the hinge against a straight line (2 extra parameters)
 * @param note                   why no knee or onset was reported, else empty
 */
public record KneeFit(String method, OptionalLong kneeCycle, OptionalLong kneeOnsetCycle, double slopeBeforeAhPerCycle,
                      double slopeAfterAhPerCycle, double fStatistic, String note) {
    static KneeFit none(String note) {
        return new KneeFit(Knee.METHOD, OptionalLong.empty(), OptionalLong.empty(), Double.NaN, Double.NaN, Double.NaN, note);
    }
}
