package tower.formats.biologic;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Supplier;
import tower.core.ingest.InputException;
import tower.core.series.Batch;
import tower.core.series.Quantity;
import tower.core.series.StepType;
import tower.core.units.Dimension;
import tower.core.units.Unit;
import tower.core.units.Units;
import tower.formats.text.Binding;
import tower.formats.text.Bindings;
import tower.formats.text.Fields;
import tower.formats.text.Header;
import tower.formats.text.Numbers;
import tower.formats.text.Row;
import tower.formats.text.TableReader;

/**
 * The data table of BioLogic's text exports ({@code name/unit} headers such as {@code time/s}, {@code Ewe/V},
 * {@code I/mA}, {@code Q charge/mA.h}), shared by the .mpt/.txt and the semicolon CSV readers.
 *
 * <ul>
 * <li>Voltage: {@code Ecell} when present, else {@code Ewe-Ece}, else {@code Ewe − Ece} when the file has {@code Ece}
 * (a three-electrode set-up: {@code Ewe} and {@code Ece} are kept as electrode potentials), else {@code Ewe} (working
 * electrode against reference, which is the cell voltage in a two-electrode set-up), else {@code <Ewe>} (also
 * written {@code <Ewe/V>}). Current: {@code I}, else {@code <I>} (the average over the sample period).
 * BioLogic current is positive for oxidation of the working electrode, which is charge for a full cell: no sign
 * change.</li>
 * <li>{@code cycle number} is the vendor cycle (it starts at 0), {@code Ns} the step (sequence) index.</li>
 * <li>Step type from {@code mode} (1 CC, 2 CV, 3 rest) and {@code ox/red} (1 = oxidation = charge); rows of an
 * impedance technique ({@code freq/Hz} &gt; 0) are {@code other}. Files saved by beep hold the packed flag byte in
 * {@code mode}, {@code ox} and {@code error} alike (bits 0-1 mode, bit 2 ox/red); that layout is recognised by the
 * column name {@code ox} with the same value as {@code mode}.</li>
 * <li>{@code Q charge}, {@code Q discharge}, {@code Energy charge} and {@code Energy discharge} restart at each
 * half-cycle (a change of current direction) and sit at zero, or hold, during the other half. They are turned
 * into cycle-scoped counters (rising from zero within each vendor cycle) by adding their increments and treating a
 * fall to less than half the previous value as a restart; without a cycle column they become test-cumulative.
 * Some versions write {@code Energy discharge} negative: magnitudes are used.</li>
 * </ul>
 */
final class BiologicTextTable {
    private BiologicTextTable() {
    }

    private static final int MODE_PRESENT = 1 << 8;
    private static final int OX_SET = 1 << 9;
    private static final int OX_PRESENT = 1 << 10;
    private static final int IMPEDANCE = 1 << 11;
    private static final int EWE_PRIORITY = 3;

    /** Bindings, the columns they and the hook fill, and the hook. */
    record Plan(Binding[] bindings, Set<Quantity> columns, TableReader.RowHook hook, boolean currentFromMode) {
        /** Records in the metadata where values not read from a column came from. */
        void describe(tower.core.series.TestMetadata md) {
            if (currentFromMode) {
                md.putVendor("current_source", "none: 0 A on open-circuit (mode 3) records, else missing");
                md.warn("the file records no current: open-circuit records get 0 A, other records none");
            }
        }
    }

    /**
     * Plans the table under {@code headers} (decoded), given the first data row {@code first} (already split).
     * {@code startNanos} is the acquisition start ({@link Batch#NO_TIME} when unknown); {@code time/s} counts from it.
     */
    static Plan plan(String file, long headerLine, String[] headers, Fields first, int firstCount, long startNanos,
                     Supplier<ZoneId> zone) {
        Binding[] out = new Binding[headers.length];
        int[] best = new int[Quantity.values().length];
        java.util.Arrays.fill(best, Integer.MAX_VALUE);
        int[] column = new int[Quantity.values().length];
        int mode = -1;
        int ox = -1;
        int freq = -1;
        boolean oxShort = false;
        boolean timeIsDate = false;
        int[] counterCol = {-1, -1, -1, -1};
        int eweCol = -1;
        int eceCol = -1;
        for (int c = 0; c < headers.length; c++) {
            String raw = headers[c].strip();
            if (raw.isEmpty()) {
                continue;
            }
            switch (raw) {
                case "mode" -> mode = c;
                case "ox/red" -> ox = c;
                case "ox" -> {
                    ox = c;
                    oxShort = true;
                }
                default -> {
                }
            }
            Header h = header(raw);
            String key = h.key();
            String unit = h.unit();
            switch (key) {
                case "time" -> {
                    if (c < firstCount && looksLikeDate(first, c)) {
                        timeIsDate = true;
                        out[c] = Bindings.localDateTime(zone.get());
                    } else {
                        out[c] = Bindings.number(Quantity.TEST_TIME, unit(file, headerLine, raw, unit, Dimension.TIME));
                    }
                }
                case "steptime" -> offer(Quantity.STEP_TIME, 0, c, best, column);
                case "ecell" -> offer(Quantity.VOLTAGE, 0, c, best, column);
                case "eweece" -> offer(Quantity.VOLTAGE, 1, c, best, column);
                case "ewe" -> {
                    offer(Quantity.VOLTAGE, EWE_PRIORITY, c, best, column);
                    eweCol = c;
                }
                case "ece" -> eceCol = c;
                case "<ecell>" -> offer(Quantity.VOLTAGE, 4, c, best, column);
                case "<ewe>" -> offer(Quantity.VOLTAGE, 5, c, best, column);
                case "i" -> offer(Quantity.CURRENT, 0, c, best, column);
                case "<i>" -> offer(Quantity.CURRENT, 1, c, best, column);
                case "cyclenumber" -> offer(Quantity.CYCLE_COUNT, 0, c, best, column);
                case "ns" -> offer(Quantity.STEP_INDEX, 0, c, best, column);
                case "temperature" -> offer(Quantity.TEMPERATURE_T1, 0, c, best, column);
                case "p" -> offer(Quantity.POWER, 0, c, best, column);
                case "qcharge" -> counterCol[0] = c;
                case "qdischarge" -> counterCol[1] = c;
                case "energycharge" -> counterCol[2] = c;
                case "energydischarge" -> counterCol[3] = c;
                case "freq" -> freq = c;
                default -> {
                }
            }
        }
        // a three-electrode file: the cell voltage (Ecell, Ewe-Ece, else Ewe - Ece) is the voltage, Ewe and Ece stay beside it
        boolean cellFromElectrodes = false;
        if (eweCol >= 0 && eceCol >= 0) {
            if (best[Quantity.VOLTAGE.ordinal()] >= EWE_PRIORITY) {
                cellFromElectrodes = true;
                best[Quantity.VOLTAGE.ordinal()] = Integer.MAX_VALUE;
            }
            offer(Quantity.WORKING_ELECTRODE_POTENTIAL, 0, eweCol, best, column);
            offer(Quantity.COUNTER_ELECTRODE_POTENTIAL, 0, eceCol, best, column);
        }
        EnumSet<Quantity> cols = EnumSet.noneOf(Quantity.class);
        for (Quantity q : Quantity.values()) {
            if (best[q.ordinal()] == Integer.MAX_VALUE) {
                continue;
            }
            int c = column[q.ordinal()];
            Header h = header(headers[c]);
            Dimension dim = switch (q) {
                case STEP_TIME -> Dimension.TIME;
                case VOLTAGE, WORKING_ELECTRODE_POTENTIAL, COUNTER_ELECTRODE_POTENTIAL -> Dimension.VOLTAGE;
                case CURRENT -> Dimension.CURRENT;
                case TEMPERATURE_T1 -> Dimension.TEMPERATURE;
                case POWER -> Dimension.POWER;
                default -> Dimension.DIMENSIONLESS;
            };
            String unit = q == Quantity.TEMPERATURE_T1 ? temperatureUnit(h.unit()) : h.unit();
            out[c] = Bindings.number(q, dim == Dimension.DIMENSIONLESS && unit.isEmpty() ? Units.parse("1", dim).orElseThrow()
                    : unit(file, headerLine, headers[c], unit, dim));
        }
        boolean hasCycle = best[Quantity.CYCLE_COUNT.ordinal()] != Integer.MAX_VALUE;
        Quantity[] counters = hasCycle
                ? new Quantity[] {Quantity.CYCLE_CHARGING_CAPACITY, Quantity.CYCLE_DISCHARGING_CAPACITY,
                        Quantity.CYCLE_CHARGING_ENERGY, Quantity.CYCLE_DISCHARGING_ENERGY}
                : new Quantity[] {Quantity.CHARGING_CAPACITY, Quantity.DISCHARGING_CAPACITY,
                        Quantity.CHARGING_ENERGY, Quantity.DISCHARGING_ENERGY};
        HalfCycleCounter[] counting = new HalfCycleCounter[4];
        for (int k = 0; k < 4; k++) {
            int c = counterCol[k];
            if (c >= 0) {
                Dimension dim = k < 2 ? Dimension.CHARGE : Dimension.ENERGY;
                out[c] = Bindings.number(counters[k], unit(file, headerLine, headers[c], header(headers[c]).unit(), dim));
                counting[k] = new HalfCycleCounter();
            }
        }
        boolean packed = false;
        if (mode >= 0) {
            packed = oxShort && ox < firstCount && mode < firstCount
                    && first.text(mode, StandardCharsets.ISO_8859_1).equals(first.text(ox, StandardCharsets.ISO_8859_1));
            out[mode] = flagBinding(packed ? 255 : 3, 0, MODE_PRESENT);
            if (ox >= 0 && !packed) {
                out[ox] = flagBinding(1, 9, OX_PRESENT);
            }
            if (freq >= 0) {
                out[freq] = impedanceBinding();
            }
        }
        for (Binding b : out) {
            if (b != null) {
                cols.addAll(b.produces());
            }
        }
        if (cellFromElectrodes) {
            cols.add(Quantity.VOLTAGE);
        }
        // an OCV record stores no current: it is 0 by definition of the technique (as in the .mpr reader)
        boolean currentFromMode = !cols.contains(Quantity.CURRENT) && mode >= 0;
        if (currentFromMode) {
            cols.add(Quantity.CURRENT);
        }
        if (!cols.contains(Quantity.VOLTAGE) || !cols.contains(Quantity.CURRENT)
                || !(cols.contains(Quantity.TEST_TIME) || timeIsDate)) {
            throw InputException.atLine(file, headerLine, "BioLogic table lacks time/s, a voltage (Ecell/Ewe) or a current (I/<I>) column");
        }
        if (mode >= 0) {
            cols.add(Quantity.STEP_TYPE);
        }
        if (timeIsDate) {
            cols.add(Quantity.TEST_TIME);
        } else if (startNanos != Batch.NO_TIME) {
            cols.add(Quantity.UNIX_TIME);
        }
        boolean modeBound = mode >= 0;
        boolean cellVoltage = cellFromElectrodes;
        boolean zeroOnRest = currentFromMode;
        boolean packedFlags = packed;
        boolean dateTime = timeIsDate;
        long[] firstEpoch = {Batch.NO_TIME};
        TableReader.RowHook hook = (row, line) -> {
            if (dateTime) {
                long t = row.epochNanos();
                if (t != Batch.NO_TIME) {
                    if (firstEpoch[0] == Batch.NO_TIME) {
                        firstEpoch[0] = t;
                    }
                    row.set(Quantity.TEST_TIME, (t - firstEpoch[0]) / 1e9);
                }
            } else if (startNanos != Batch.NO_TIME) {
                double t = row.get(Quantity.TEST_TIME);
                if (!Double.isNaN(t)) {
                    row.setEpochNanos(startNanos + Math.round(t * 1e9));
                }
            }
            if (modeBound) {
                row.setStepType(stepType(row.code, packedFlags));
            }
            if (zeroOnRest && (row.code & MODE_PRESENT) != 0 && (row.code & IMPEDANCE) == 0
                    && stepType(row.code, packedFlags) == StepType.REST.ordinal()) {
                row.set(Quantity.CURRENT, 0.0);
            }
            if (cellVoltage) {
                row.set(Quantity.VOLTAGE, row.get(Quantity.WORKING_ELECTRODE_POTENTIAL) - row.get(Quantity.COUNTER_ELECTRODE_POTENTIAL));
            }
            double cycle = row.get(Quantity.CYCLE_COUNT);
            for (int k = 0; k < 4; k++) {
                if (counting[k] != null) {
                    row.set(counters[k], counting[k].update(row.get(counters[k]), cycle));
                }
            }
            return true;
        };
        return new Plan(out, cols, hook, currentFromMode);
    }

    /**
     * BioLogic names are {@code name/unit} split at the last slash ({@code <I>/mA}, {@code control/V/mA},
     * {@code Q charge/discharge/mA.h}); names without a slash have no unit.
     */
    static Header header(String raw) {
        String h = raw.strip();
        if (h.length() > 2 && h.charAt(0) == '<' && h.charAt(h.length() - 1) == '>' && h.indexOf('/') > 0) {
            // some exports write the average inside the brackets: <Ewe/V> is <Ewe> in V
            int slash = h.indexOf('/');
            return new Header(h.substring(0, slash).strip() + ">", h.substring(slash + 1, h.length() - 1).strip());
        }
        int slash = h.lastIndexOf('/');
        return slash > 0 ? new Header(h.substring(0, slash).strip(), h.substring(slash + 1).strip()) : new Header(h, "");
    }

    private static void offer(Quantity q, int priority, int c, int[] best, int[] column) {
        if (priority < best[q.ordinal()]) {
            best[q.ordinal()] = priority;
            column[q.ordinal()] = c;
        }
    }

    private static boolean looksLikeDate(Fields first, int c) {
        for (int k = first.start(c); k < first.end(c); k++) {
            byte b = first.buffer()[k];
            if (b == '/' || b == ':') {
                return true;
            }
        }
        return false;
    }

    private static Unit unit(String file, long line, String raw, String unit, Dimension dim) {
        if (unit.isEmpty()) {
            throw InputException.atLine(file, line, "column '" + raw.strip() + "' has no unit");
        }
        return Units.parse(unit, dim).orElseThrow(() -> InputException.atLine(file, line,
                "column '" + raw.strip() + "': unknown unit '" + unit + "'"));
    }

    /**
     * The degree sign is written in windows-1252 or UTF-8 and often arrives mangled (U+FFFD, 'Â°', '?'); any
     * unit made of up to three non-alphanumeric characters followed by C is degrees Celsius.
     */
    static String temperatureUnit(String unit) {
        return unit.matches("[^A-Za-z0-9]{0,3}[Cc]") ? "degC" : unit;
    }

    /** An integer flag in [0, max], stored in {@link Row#code} at bit {@code shift} with a presence bit. */
    private static Binding flagBinding(int max, int shift, int presentBit) {
        return new Binding() {
            @Override
            public void parse(byte[] b, int s, int e, Row row, Numbers numbers, boolean dc) {
                long v = Numbers.parseLong(b, s, e);
                if (v < 0 || v > max) {
                    throw new IllegalArgumentException("flag out of range 0.." + max);
                }
                row.code |= presentBit | (int) (v << shift);
            }

            @Override
            public Set<Quantity> produces() {
                return Set.of();
            }
        };
    }

    private static Binding impedanceBinding() {
        return new Binding() {
            @Override
            public void parse(byte[] b, int s, int e, Row row, Numbers numbers, boolean dc) {
                if (numbers.parse(b, s, e, dc) > 0) {
                    row.code |= IMPEDANCE;
                }
            }

            @Override
            public Set<Quantity> produces() {
                return Set.of();
            }
        };
    }

    private static int stepType(int code, boolean packed) {
        if ((code & MODE_PRESENT) == 0) {
            return -1;
        }
        if ((code & IMPEDANCE) != 0) {
            return StepType.OTHER.ordinal();
        }
        int m = code & 0xFF;
        int mode = packed ? m & 3 : m;
        boolean known = packed || (code & OX_PRESENT) != 0;
        boolean ox = packed ? (m & 4) != 0 : (code & OX_SET) != 0;
        return switch (mode) {
            case 3 -> StepType.REST.ordinal();
            case 1 -> known ? (ox ? StepType.CC_CHARGE : StepType.CC_DISCHARGE).ordinal() : StepType.OTHER.ordinal();
            case 2 -> known ? (ox ? StepType.CV_CHARGE : StepType.CV_DISCHARGE).ordinal() : StepType.OTHER.ordinal();
            default -> -1;
        };
    }

    /** Rebuilds a cycle-scoped counter from one that restarts at every half-cycle (see the class comment). */
    static final class HalfCycleCounter {
        private double prevRaw = Double.NaN;
        private double prevCycle = Double.NaN;
        private double sum;

        double update(double raw, double cycle) {
            if (Double.isNaN(raw)) {
                return Double.NaN;
            }
            raw = Math.abs(raw);
            if (Double.isNaN(prevRaw)) {
                sum = raw; // the first reading is the baseline
            } else {
                double inc;
                if (raw >= prevRaw) {
                    inc = raw - prevRaw;
                } else {
                    inc = raw < 0.5 * prevRaw ? raw : 0; // a restart, or a rounding wobble
                }
                boolean newCycle = !Double.isNaN(cycle) && !Double.isNaN(prevCycle) && cycle != prevCycle;
                sum = newCycle ? inc : sum + inc;
            }
            prevRaw = raw;
            if (!Double.isNaN(cycle)) {
                prevCycle = cycle;
            }
            return sum;
        }
    }

    /** A header line: UTF-8 when valid, else windows-1252 (EC-Lab's own encoding). */
    static String decode(byte[] b, int s, int e) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(b, s, e - s)).toString();
        } catch (CharacterCodingException ex) {
            return new String(b, s, e - s, Charset.forName("windows-1252"));
        }
    }

    /** True when the line holds a comma: with tab or semicolon separators that can only be a decimal comma. */
    static boolean hasComma(byte[] b, int s, int e) {
        for (int i = s; i < e; i++) {
            if (b[i] == ',') {
                return true;
            }
        }
        return false;
    }
}
