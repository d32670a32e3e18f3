package tower.formats.neware;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import tower.core.ingest.InputException;
import tower.core.series.Quantity;
import tower.core.series.StepType;
import tower.core.units.Dimension;
import tower.formats.text.Binding;
import tower.formats.text.Bindings;
import tower.formats.text.ColumnDictionary;
import tower.formats.text.Header;
import tower.formats.text.Numbers;
import tower.formats.text.Row;

/**
 * Neware's record-column vocabulary and step words, shared by the flat and the nested ("regular") CSV exports.
 * Capacity and energy counters restart at every step. Exports hold either separate charge and discharge counters
 * ({@code Chg. Cap.(Ah)}, {@code DChg. Cap.(Ah)}) or one unsigned counter ({@code Capacity(Ah)}) that belongs to
 * whichever direction the step runs; the latter is split by the step direction in {@link #split}.
 */
final class NewareCsvColumns {
    private NewareCsvColumns() {
    }

    static final ColumnDictionary COLUMNS = new ColumnDictionary()
            .add(Quantity.RECORD_INDEX, Dimension.DIMENSIONLESS, "1", "DataPoint", "Data Point", "Record ID", "Record Index")
            .add(Quantity.CYCLE_COUNT, Dimension.DIMENSIONLESS, "1", "Cycle Index", "Cycle ID")
            .add(Quantity.STEP_INDEX, Dimension.DIMENSIONLESS, "1", "Step Index", "Step ID")
            .add(Quantity.CURRENT, Dimension.CURRENT, "", "Current")
            .add(Quantity.VOLTAGE, Dimension.VOLTAGE, "", "Voltage")
            .add(Quantity.POWER, Dimension.POWER, "", "Power")
            .add(Quantity.STEP_CHARGING_CAPACITY, Dimension.CHARGE, "", "Chg. Cap.")
            .add(Quantity.STEP_DISCHARGING_CAPACITY, Dimension.CHARGE, "", "DChg. Cap.")
            .add(Quantity.STEP_CHARGING_ENERGY, Dimension.ENERGY, "", "Chg. Energy")
            .add(Quantity.STEP_DISCHARGING_ENERGY, Dimension.ENERGY, "", "DChg. Energy")
            .add(Quantity.AUX_VOLTAGE, Dimension.VOLTAGE, "", "V1")
            .add(Quantity.TEMPERATURE_T1, Dimension.TEMPERATURE, "", "T1")
            .add(Quantity.TEMPERATURE_T2, Dimension.TEMPERATURE, "", "T2")
            .add(Quantity.TEMPERATURE_T3, Dimension.TEMPERATURE, "", "T3")
            .add(Quantity.TEMPERATURE_T4, Dimension.TEMPERATURE, "", "T4")
            .add(Quantity.TEMPERATURE_T5, Dimension.TEMPERATURE, "", "T5");

    private static final Set<String> STEP_TIME = Set.of("time", "steptime");
    private static final Set<String> TEST_TIME = Set.of("cumulativetime", "totaltime", "testtime");
    private static final Set<String> DATE = Set.of("date", "realtime", "absolutetime", "systemtime");

    /**
     * The bindings of a record header, with {@code netCapacity}/{@code netEnergy} set when the export has only
     * the undirected step counters (parsed into the step charging column, then split by {@link #split}).
     */
    record Plan(Binding[] bindings, boolean netCapacity, boolean netEnergy, boolean hasTestTime, boolean hasDate) {
        Set<Quantity> produces(Set<Quantity> extra) {
            EnumSet<Quantity> set = EnumSet.copyOf(extra);
            for (Binding b : bindings) {
                if (b != null) {
                    set.addAll(b.produces());
                }
            }
            if (netCapacity) {
                set.add(Quantity.STEP_DISCHARGING_CAPACITY);
            }
            if (netEnergy) {
                set.add(Quantity.STEP_DISCHARGING_ENERGY);
            }
            return set;
        }
    }

    /**
     * Binds a record header. {@code zone} is asked for only when the header has a date column (asking flags naive
     * times in the metadata).
     */
    static Plan bind(String file, long line, String[] headers, Supplier<ZoneId> zone) {
        Binding[] out = new Binding[headers.length];
        EnumSet<Quantity> seen = EnumSet.noneOf(Quantity.class);
        int netCap = -1;
        int netEnergy = -1;
        boolean date = false;
        for (int c = 0; c < headers.length; c++) {
            if (headers[c].isBlank()) {
                continue;
            }
            Header h = Header.parse(headers[c]);
            String key = h.key();
            if (key.equals("steptype")) {
                out[c] = stepTypeBinding();
                seen.add(Quantity.STEP_TYPE);
            } else if (STEP_TIME.contains(key) && !seen.contains(Quantity.STEP_TIME)) {
                out[c] = duration(Quantity.STEP_TIME, h, file, line, headers[c]);
                seen.add(Quantity.STEP_TIME);
            } else if (TEST_TIME.contains(key) && !seen.contains(Quantity.TEST_TIME)) {
                out[c] = duration(Quantity.TEST_TIME, h, file, line, headers[c]);
                seen.add(Quantity.TEST_TIME);
            } else if (DATE.contains(key) && !date) {
                out[c] = Bindings.localDateTime(zone.get());
                date = true;
            } else if (key.equals("capacity")) {
                netCap = c;
            } else if (key.equals("energy")) {
                netEnergy = c;
            } else {
                Optional<ColumnDictionary.Entry> e = COLUMNS.lookup(h);
                if (e.isEmpty() || seen.contains(e.get().quantity())) {
                    continue;
                }
                ColumnDictionary.Entry entry = e.get();
                Header fixed = entry.dimension() == Dimension.TEMPERATURE ? new Header(h.name(), temperatureUnit(h.unit())) : h;
                out[c] = Bindings.number(entry.quantity(), ColumnDictionary.unit(file, line, headers[c], fixed, entry));
                seen.add(entry.quantity());
            }
        }
        boolean splitCap = false;
        if (netCap >= 0 && !seen.contains(Quantity.STEP_CHARGING_CAPACITY) && !seen.contains(Quantity.STEP_DISCHARGING_CAPACITY)) {
            out[netCap] = Bindings.number(Quantity.STEP_CHARGING_CAPACITY, unit(file, line, headers[netCap], Dimension.CHARGE));
            splitCap = true;
        }
        boolean splitEnergy = false;
        if (netEnergy >= 0 && !seen.contains(Quantity.STEP_CHARGING_ENERGY) && !seen.contains(Quantity.STEP_DISCHARGING_ENERGY)) {
            out[netEnergy] = Bindings.number(Quantity.STEP_CHARGING_ENERGY, unit(file, line, headers[netEnergy], Dimension.ENERGY));
            splitEnergy = true;
        }
        if (!seen.contains(Quantity.CURRENT) || !seen.contains(Quantity.VOLTAGE)) {
            throw InputException.atLine(file, line, "Neware header lacks Current or Voltage");
        }
        if (!seen.contains(Quantity.TEST_TIME) && !date) {
            throw InputException.atLine(file, line, "Neware header has neither a total time nor a date column");
        }
        return new Plan(out, splitCap, splitEnergy, seen.contains(Quantity.TEST_TIME), date);
    }

    private static tower.core.units.Unit unit(String file, long line, String raw, Dimension dim) {
        Header h = Header.parse(raw);
        return ColumnDictionary.unit(file, line, raw, h, new ColumnDictionary.Entry(Quantity.RECORD_INDEX, dim, "", 1.0));
    }

    /**
     * Neware writes temperatures in ℃ (U+2103), which exports in a legacy code page turn into '?' or U+FFFD; in a
     * temperature column those can only stand for degrees Celsius.
     */
    static String temperatureUnit(String unit) {
        String u = unit.strip();
        return switch (u) {
            case "\u2103", "?", "\uFFFD", "\u00B0C", "\uFFFDC", "?C" -> "degC";
            default -> u;
        };
    }

    /**
     * A duration column: {@code [h]h:mm:ss[.fff]} (hours may exceed 24), or a plain number in the header's unit.
     * A plain number under a header without a unit is refused rather than guessed.
     */
    private static Binding duration(Quantity q, Header h, String file, long line, String raw) {
        if (!h.unit().isEmpty()) {
            var u = tower.core.units.Units.parse(h.unit(), Dimension.TIME).orElseThrow(() ->
                    InputException.atLine(file, line, "column '" + raw.strip() + "': unknown unit '" + h.unit() + "'"));
            return Bindings.duration(q, u.scale());
        }
        Binding clock = Bindings.duration(q, 1.0);
        return new Binding() {
            @Override
            public void parse(byte[] b, int s, int e, Row row, Numbers numbers, boolean dc) {
                boolean colon = false;
                boolean blank = true;
                for (int k = s; k < e; k++) {
                    if (b[k] == ':') {
                        colon = true;
                        break;
                    }
                    if (b[k] != ' ') {
                        blank = false;
                    }
                }
                if (!colon && !blank) {
                    throw new IllegalArgumentException("a plain number under a header without a unit");
                }
                clock.parse(b, s, e, row, numbers, dc);
            }

            @Override
            public Set<Quantity> produces() {
                return Set.of(q);
            }
        };
    }

    /** Neware step words: {@code Rest}, {@code CC Chg}, {@code CC DChg}, {@code CCCV Chg}, {@code CV DChg}, ... */
    static StepType stepType(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.isEmpty()) {
            return null;
        }
        if (t.equals("rest") || t.equals("pause")) {
            return StepType.REST;
        }
        boolean cv = t.startsWith("cv");
        if (t.endsWith("dchg") || t.endsWith("dischg") || t.endsWith("discharge")) {
            return cv ? StepType.CV_DISCHARGE : StepType.CC_DISCHARGE;
        }
        if (t.endsWith("chg") || t.endsWith("charge")) {
            return cv ? StepType.CV_CHARGE : StepType.CC_CHARGE;
        }
        if (t.equals("pulse")) {
            return StepType.PULSE;
        }
        return StepType.OTHER;
    }

    /** Step Type column; a repeated word is matched against the previous bytes rather than decoded again. */
    private static Binding stepTypeBinding() {
        return new Binding() {
            private byte[] last = new byte[0];
            private int lastOrdinal = -1;

            @Override
            public void parse(byte[] b, int s, int e, Row row, Numbers numbers, boolean dc) {
                if (!java.util.Arrays.equals(b, s, e, last, 0, last.length)) {
                    StepType t = stepType(new String(b, s, e - s, StandardCharsets.ISO_8859_1));
                    lastOrdinal = t == null ? -1 : t.ordinal();
                    last = java.util.Arrays.copyOfRange(b, s, e);
                }
                row.setStepType(lastOrdinal);
            }

            @Override
            public Set<Quantity> produces() {
                return Set.of(Quantity.STEP_TYPE);
            }
        };
    }

    /**
     * Moves an undirected step counter (parsed into the charging column) to the direction of the step: the step
     * type where it says charge or discharge, else the sign of the current. The other direction reads zero.
     */
    static void split(Row row, Quantity charging, Quantity discharging) {
        double v = row.get(charging);
        if (Double.isNaN(v)) {
            row.set(discharging, Double.NaN);
            return;
        }
        v = Math.abs(v);
        int dir = direction(row);
        if (dir > 0) {
            row.set(charging, v);
            row.set(discharging, 0);
        } else if (dir < 0) {
            row.set(charging, 0);
            row.set(discharging, v);
        } else if (v == 0) {
            row.set(charging, 0);
            row.set(discharging, 0);
        } else {
            row.set(charging, Double.NaN);
            row.set(discharging, Double.NaN);
        }
    }

    private static int direction(Row row) {
        int st = row.stepType();
        if (st >= 0) {
            StepType t = StepType.ofOrdinal(st);
            if (t.isCharge()) {
                return 1;
            }
            if (t.isDischarge()) {
                return -1;
            }
            if (t == StepType.REST) {
                return 0;
            }
        }
        double i = row.get(Quantity.CURRENT);
        return i > 0 ? 1 : i < 0 ? -1 : 0;
    }

    /** A header line: UTF-8 when valid, else windows-1252 (Neware's non-Chinese exports). */
    static String decode(byte[] b, int s, int e) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(b, s, e - s)).toString();
        } catch (CharacterCodingException ex) {
            return new String(b, s, e - s, Charset.forName("windows-1252"));
        }
    }
}
