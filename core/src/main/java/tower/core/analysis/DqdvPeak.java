package tower.core.analysis;

/**
 * A peak of |dQ/dV|.
 *
 * @param voltageV          where it is
 * @param dqdvAhPerV        the (signed) dQ/dV there
 * @param prominenceAhPerV  how far it stands above the higher of the two valleys around it
 * @param areaAh            ∫|dQ/dV| dV between the lowest points separating it from its neighbouring peaks (the
 *                          curve's ends for the outermost peaks), so the areas add up to the half-cycle capacity
 * @param fromVoltageV      the lower bound of that range
 * @param toVoltageV        the upper bound
 */
public record DqdvPeak(double voltageV, double dqdvAhPerV, double prominenceAhPerV, double areaAh, double fromVoltageV,
                       double toVoltageV) {
}
