package tower.core.cycling;

/**
 * Tells rest, charge and discharge apart by the sign of the current with a dead band. The band is relative to
 * the largest current seen so far ({@code relative}·max|I|) with an absolute floor, because rest noise scales
 * with the instrument's range. With a nominal capacity the band starts from {@code relative}·(1C current), so an
 * offset current in a rest at the very start of a test (before any step has shown the current scale) is a rest.
 */
final class CurrentState {
    static final int REST = 0;
    static final int CHARGE = 1;
    static final int DISCHARGE = -1;

    private final double relative;
    private final double floor;
    private double maxAbs;

    CurrentState(double relative, double floor) {
        this.relative = relative;
        this.floor = floor;
    }

    /** The dead band of {@code o}: its floor, raised to relative·(nominal capacity / 1 h) when a nominal is known. */
    static CurrentState of(CyclingOptions o) {
        double floor = o.restCurrentFloorA();
        if (o.hasNominalCapacity()) {
            floor = Math.max(floor, o.restCurrentRelative() * o.nominalCapacityAh());
        }
        return new CurrentState(o.restCurrentRelative(), floor);
    }

    int classify(double current) {
        if (Double.isNaN(current)) {
            return REST;
        }
        double a = Math.abs(current);
        if (a > maxAbs) {
            maxAbs = a;
        }
        double eps = Math.max(floor, relative * maxAbs);
        if (current > eps) {
            return CHARGE;
        }
        if (current < -eps) {
            return DISCHARGE;
        }
        return REST;
    }
}
