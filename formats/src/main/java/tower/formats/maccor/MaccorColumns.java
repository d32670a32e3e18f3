package tower.formats.maccor;

import tower.formats.text.Blanks;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import tower.core.ingest.InputException;
import tower.core.series.Quantity;
import tower.core.series.StepType;
import tower.core.series.TestMetadata;
import tower.core.units.Dimension;
import tower.core.units.Unit;
import tower.core.units.Units;
import tower.formats.text.Binding;
import tower.formats.text.Bindings;
import tower.formats.text.Fields;
import tower.formats.text.Header;
import tower.formats.text.Numbers;
import tower.formats.text.Row;

/**
 * The Maccor column vocabulary (text and CSV exports) bound to one header. Units follow Maccor's documented
 * defaults (s, A, V, Ah, Wh, ohm, degC) unless the header names one ({@code Test (Min)}, {@code ACImp/Ohms}); the
 * unit of an {@code Aux #n} column is the text of the {@code Units} column after it.
 */
final class MaccorColumns {
    final Binding[] bindings;
    boolean hasState;
    boolean hasCapacity;
    boolean hasEnergy;
    boolean hasRecord;
    MaccorClock clock;

    private MaccorColumns(int n) {
        bindings = new Binding[n];
    }

    /**
     * Binds {@code headers}; {@code first} is the first data line split into fields (for the units of aux columns);
     * {@code clock} supplies the shared DPt Time clock (created on first use, as it asks for the time zone).
     */
    static MaccorColumns bind(String file, long headerLine, String[] headers, Fields first, int firstCount,
                              Supplier<MaccorClock> clock, TestMetadata md) {
        MaccorColumns c = new MaccorColumns(headers.length);
        EnumSet<Quantity> seen = EnumSet.noneOf(Quantity.class);
        int nextTemperature = 0;
        for (int i = 0; i < headers.length; i++) {
            Header h = Header.parse(headers[i]);
            String key = h.key();
            Binding b = null;
            Quantity q = null;
            switch (key) {
                case "rec#", "rec", "record" -> {
                    q = Quantity.RECORD_INDEX;
                    b = Bindings.number(q, unit(file, headerLine, headers[i], h, Dimension.DIMENSIONLESS, "1"));
                    c.hasRecord = true;
                }
                case "cyc#", "cyclec", "cycle", "cycle#" -> {
                    q = Quantity.CYCLE_COUNT;
                    b = Bindings.number(q, unit(file, headerLine, headers[i], h, Dimension.DIMENSIONLESS, "1"));
                }
                case "step", "test", "testtime", "steptime" -> {
                    boolean step = key.startsWith("step");
                    if (key.equals("step") && h.unit().isEmpty()) {
                        q = Quantity.STEP_INDEX;
                        b = Bindings.number(q, Units.si(Dimension.DIMENSIONLESS));
                    } else if (!key.equals("test") || !h.unit().isEmpty()) {
                        // "Test (Sec)", "Test (Min)", "TestTime" ('0d 00:00:05.0000'), "Step Time (sec)"
                        q = step ? Quantity.STEP_TIME : Quantity.TEST_TIME;
                        b = Bindings.duration(q, unit(file, headerLine, headers[i], h, Dimension.TIME, "s").scale());
                    }
                }
                case "amphr", "capacity", "cap" -> {
                    q = Quantity.STEP_CHARGING_CAPACITY;
                    b = split(Quantity.STEP_CHARGING_CAPACITY, Quantity.STEP_DISCHARGING_CAPACITY,
                            unit(file, headerLine, headers[i], h, Dimension.CHARGE, "Ah"));
                    c.hasCapacity = true;
                }
                case "watthr", "energy" -> {
                    q = Quantity.STEP_CHARGING_ENERGY;
                    b = split(Quantity.STEP_CHARGING_ENERGY, Quantity.STEP_DISCHARGING_ENERGY,
                            unit(file, headerLine, headers[i], h, Dimension.ENERGY, "Wh"));
                    c.hasEnergy = true;
                }
                case "amps", "current" -> {
                    q = Quantity.CURRENT;
                    b = Bindings.number(q, unit(file, headerLine, headers[i], h, Dimension.CURRENT, "A"));
                }
                case "volts", "voltage" -> {
                    q = Quantity.VOLTAGE;
                    b = Bindings.number(q, unit(file, headerLine, headers[i], h, Dimension.VOLTAGE, "V"));
                }
                case "watts", "power" -> {
                    q = Quantity.POWER;
                    b = Bindings.number(q, unit(file, headerLine, headers[i], h, Dimension.POWER, "W"));
                }
                case "state", "md" -> {
                    q = Quantity.STEP_TYPE;
                    b = state();
                    c.hasState = true;
                }
                case "dpttime", "dptime" -> {
                    q = Quantity.UNIX_TIME;
                    c.clock = clock.get();
                    b = c.clock;
                }
                // Maccor writes 0 when no resistance was measured
                case "acimp", "acr" -> {
                    q = Quantity.INTERNAL_RESISTANCE;
                    b = Bindings.number(q, unit(file, headerLine, headers[i], h, Dimension.RESISTANCE, "ohm"), 1.0, v -> v == 0);
                }
                case "dcir" -> {
                    q = Quantity.DC_INTERNAL_RESISTANCE;
                    b = Bindings.number(q, unit(file, headerLine, headers[i], h, Dimension.RESISTANCE, "ohm"), 1.0, v -> v == 0);
                }
                case "temp1", "temp2", "temp3", "temp4", "temp5", "temp", "temperature" -> {
                    int n = key.length() == 5 ? key.charAt(4) - '1' : 0;
                    q = Quantity.TEMPERATURES[n];
                    b = temperature(q, unit(file, headerLine, headers[i], h, Dimension.TEMPERATURE, "degC"));
                }
                default -> {
                    if (key.matches("aux#\\d+") && i + 1 < headers.length && Header.key(headers[i + 1]).equals("units")) {
                        while (nextTemperature < Quantity.TEMPERATURES.length && seen.contains(Quantity.TEMPERATURES[nextTemperature])) {
                            nextTemperature++;
                        }
                        Optional<Quantity> aux = auxColumn(headers[i], first, firstCount, i, nextTemperature, seen, md);
                        if (aux.isPresent()) {
                            q = aux.get();
                            Unit u = Units.parse(first.text(i + 1, StandardCharsets.ISO_8859_1),
                                    q == Quantity.AUX_VOLTAGE ? Dimension.VOLTAGE : Dimension.TEMPERATURE).orElseThrow();
                            b = q == Quantity.AUX_VOLTAGE ? Bindings.number(q, u) : temperature(q, u);
                        }
                    }
                }
            }
            if (b != null && !seen.contains(q)) {
                seen.add(q);
                c.bindings[i] = b;
            }
        }
        if (!seen.containsAll(Set.of(Quantity.TEST_TIME, Quantity.CURRENT, Quantity.VOLTAGE))) {
            throw InputException.atLine(file, headerLine, "Maccor header lacks a test time, current (Amps) or voltage (Volts) column");
        }
        return c;
    }

    /**
     * An {@code Aux #n} column, typed by the unit its {@code Units} neighbour holds in the first row: a temperature
     * (next free T column) or a voltage. A temperature below absolute zero there means no sensor: column ignored.
     */
    private static Optional<Quantity> auxColumn(String header, Fields first, int count, int i, int nextTemperature,
                                                Set<Quantity> seen, TestMetadata md) {
        if (i + 1 >= count) {
            return Optional.empty();
        }
        String unit = first.text(i + 1, StandardCharsets.ISO_8859_1);
        String value = first.text(i, StandardCharsets.ISO_8859_1);
        if (Units.parse(unit, Dimension.TEMPERATURE).isPresent()) {
            double v;
            try {
                v = Double.parseDouble(value);
            } catch (NumberFormatException e) {
                v = Double.NaN;
            }
            double si = Units.parse(unit, Dimension.TEMPERATURE).get().toSi(v);
            if (si < -273.15) {
                md.warn("column '" + header.strip() + "' reads " + value + " " + unit + " (no sensor): ignored");
                return Optional.empty();
            }
            if (nextTemperature < Quantity.TEMPERATURES.length) {
                return Optional.of(Quantity.TEMPERATURES[nextTemperature]);
            }
            return Optional.empty();
        }
        if (Units.parse(unit, Dimension.VOLTAGE).isPresent() && !seen.contains(Quantity.AUX_VOLTAGE)) {
            return Optional.of(Quantity.AUX_VOLTAGE);
        }
        return Optional.empty();
    }

    private static Unit unit(String file, long line, String raw, Header h, Dimension dim, String defaultUnit) {
        String u = h.unit().isEmpty() ? defaultUnit : h.unit();
        return Units.parse(u, dim).orElseThrow(() -> InputException.atLine(file, line,
                "column '" + raw.strip() + "': unknown unit '" + u + "'"));
    }

    /** A temperature; one below absolute zero (an open thermocouple) is missing. */
    private static Binding temperature(Quantity q, Unit u) {
        return Bindings.number(q, u, 1.0, v -> v < -273.15);
    }

    /** A step counter read into the charge slot; {@link MaccorRows} moves it by the state. */
    private static Binding split(Quantity charge, Quantity discharge, Unit u) {
        Binding number = Bindings.number(charge, u);
        Set<Quantity> both = Set.of(charge, discharge);
        return new Binding() {
            @Override
            public void parse(byte[] b, int s, int e, Row row, Numbers numbers, boolean dc) {
                number.parse(b, s, e, row, numbers, dc);
            }

            @Override
            public Set<Quantity> produces() {
                return both;
            }
        };
    }

    /**
     * The state: C (charge), D (discharge), R (rest) and other letters (O, S, P, ...; multi-letter states such as
     * FRA). The letter goes to {@link Row#code} for the sign of the current.
     */
    private static Binding state() {
        return new Binding() {
            @Override
            public void parse(byte[] b, int s, int e, Row row, Numbers numbers, boolean dc) {
                s = Blanks.skip(b, s, e);
                e = Blanks.trimEnd(b, s, e);
                if (s == e) {
                    return;
                }
                int code = e - s == 1 ? b[s] & 0xDF : 0; // upper case
                row.code = code;
                StepType t = switch (code) {
                    case 'C' -> StepType.CC_CHARGE;
                    case 'D' -> StepType.CC_DISCHARGE;
                    case 'R' -> StepType.REST;
                    default -> StepType.OTHER;
                };
                row.setStepType(t.ordinal());
            }

            @Override
            public Set<Quantity> produces() {
                return Set.of(Quantity.STEP_TYPE);
            }
        };
    }
}
