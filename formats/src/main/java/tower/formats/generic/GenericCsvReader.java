package tower.formats.generic;

import tower.formats.text.Blanks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tower.core.ingest.InputException;
import tower.core.ingest.ReadOptions;
import tower.core.series.Batch;
import tower.core.series.BatchWriter;
import tower.core.series.Quantity;
import tower.core.series.RecordSink;
import tower.core.series.StepType;
import tower.core.series.TestMetadata;
import tower.core.units.Dimension;
import tower.core.units.Units;
import tower.formats.FormatInfo;
import tower.formats.Probe;
import tower.formats.Reader;
import tower.formats.bdf.BdfCsvReader;
import tower.formats.text.Binding;
import tower.formats.text.Bindings;
import tower.formats.text.Fields;
import tower.formats.text.LineReader;
import tower.formats.text.Numbers;
import tower.formats.text.Row;
import tower.formats.text.TableReader;
import tower.formats.text.TextFile;

/**
 * Any delimited text table, read as a {@link CsvMapping} file describes it ({@code --format generic-csv --mapping
 * FILE}). Never chosen by detection: without a mapping, {@link #read} refuses the file.
 */
public final class GenericCsvReader implements Reader {
    private static final FormatInfo INFO = new FormatInfo("generic-csv", "any (mapping file)",
            List.of("delimited text described by a .properties mapping"),
            "never detected: choose it with --format generic-csv --mapping FILE", "1");

    private final Optional<Path> mappingFile;
    private final Optional<CsvMapping> mapping;
    private final Optional<StepLabels> stepLabels;

    /** The registry instance: it knows no layout and reads nothing. */
    public GenericCsvReader() {
        this.mappingFile = Optional.empty();
        this.mapping = Optional.empty();
        this.stepLabels = Optional.empty();
    }

    /** A reader for the layout described by {@code mappingFile} (loaded, and checked, when reading). */
    public GenericCsvReader(Path mappingFile) {
        this(mappingFile, Optional.empty());
    }

    /** Like {@link #GenericCsvReader(Path)}, with a column of step labels mapped to step types. */
    public GenericCsvReader(Path mappingFile, Optional<StepLabels> stepLabels) {
        this.mappingFile = Optional.of(mappingFile);
        this.mapping = Optional.empty();
        this.stepLabels = stepLabels;
    }

    public GenericCsvReader(CsvMapping mapping) {
        this(mapping, Optional.empty());
    }

    public GenericCsvReader(CsvMapping mapping, Optional<StepLabels> stepLabels) {
        this.mappingFile = Optional.empty();
        this.mapping = Optional.of(mapping);
        this.stepLabels = stepLabels;
    }

    @Override
    public FormatInfo info() {
        return INFO;
    }

    @Override
    public int detect(Probe probe) {
        return 0;
    }

    private CsvMapping mapping(String file) throws IOException {
        if (mapping.isPresent()) {
            return mapping.get();
        }
        if (mappingFile.isEmpty()) {
            throw new InputException(file, "--mapping", "generic-csv needs a mapping file: --format generic-csv --mapping FILE");
        }
        return CsvMapping.load(mappingFile.get());
    }

    @Override
    public void read(List<Path> files, ReadOptions options, RecordSink sink) throws IOException {
        sink = tower.formats.audit.TimeAudit.wrap(sink); // unit from the clock, backward time, repeated records
        Path path = files.get(0);
        String file = path.toString();
        CsvMapping m = mapping(file);
        TestMetadata md = INFO.metadataFor(path);
        md.putVendor("mapping", Path.of(m.name()).getFileName().toString());
        byte sep = (byte) m.separator();
        try (LineReader lines = TextFile.open(path, options.limits())) {
            String[] headers;
            long headerLine = m.headerLine();
            if (headerLine > 0) {
                headers = TextFile.splitHeader(TextFile.skipTo(lines, headerLine, m.charset(), file), m.separator());
            } else {
                headers = new String[0];
            }
            while (lines.lineNumber() < m.dataLine() - 1) {
                if (!lines.next()) {
                    throw InputException.atLine(file, lines.lineNumber() + 1, "file ends before data.line " + m.dataLine());
                }
            }
            if (!lines.next()) {
                throw InputException.atLine(file, m.dataLine(), "no data rows");
            }
            if (headerLine == 0) {
                Fields first = new Fields();
                int n = first.split(lines.buffer(), lines.start, lines.end, sep);
                headers = new String[n];
                for (int c = 0; c < n; c++) {
                    headers[c] = "#" + (c + 1);
                }
            }
            Binding[] bindings = new Binding[headers.length];
            String[] names = Arrays.copyOf(headers, headers.length);
            ZoneId zone = null;
            EnumSet<Quantity> mapped = EnumSet.noneOf(Quantity.class);
            for (CsvMapping.Column col : m.columns()) {
                int c = col.position() >= 0 ? col.position() : find(headers, col.source());
                if (c < 0 || c >= headers.length) {
                    throw InputException.atLine(file, Math.max(1, headerLine), "column '" + col.source() + "' ("
                            + col.key() + " in " + Path.of(m.name()).getFileName() + ") is not in the "
                            + (headerLine > 0 ? "header" : "first data line"));
                }
                if (bindings[c] != null) {
                    throw new InputException(m.name(), "key " + col.key(), "column '" + col.source() + "' is mapped twice");
                }
                Quantity q = col.quantity();
                mapped.add(q);
                String u = col.unit();
                if (q == Quantity.STEP_TYPE) {
                    bindings[c] = Bindings.stepType();
                } else if (q == Quantity.UNIX_TIME) {
                    boolean naive = u.equals(CsvMapping.DATENUM) || (u.equals(CsvMapping.DATETIME) && !m.patternHasZone());
                    if (naive && zone == null) {
                        zone = m.timezone().isPresent() ? m.timezone().get() : options.zoneForNaiveTimes(md);
                        md.setTimezone(zone);
                    }
                    bindings[c] = switch (u) {
                        case "s" -> Bindings.epochSeconds();
                        case "ms" -> epochMillis();
                        case CsvMapping.DATENUM -> Bindings.matlabDatenum(zone);
                        default -> dateTime(m.formatter(), zone);
                    };
                } else if ((q == Quantity.TEST_TIME || q == Quantity.STEP_TIME) && u.equalsIgnoreCase(CsvMapping.HMS)) {
                    bindings[c] = Bindings.duration(q, 1.0);
                } else {
                    Dimension dim = BdfCsvReader.dimensionOf(q);
                    var unit = Units.require(u.isEmpty() ? "1" : u, dim);
                    double sign = q == Quantity.CURRENT || q == Quantity.POWER ? m.currentSign() : 1.0;
                    bindings[c] = Bindings.number(q, unit, sign);
                }
            }
            LabelBinding labels = null;
            if (stepLabels.isPresent()) {
                labels = new LabelBinding(stepLabels.get(), m.charset());
                bindStepLabels(file, m, headers, headerLine, bindings, labels);
                mapped.add(Quantity.STEP_TYPE);
                md.putVendor("step_type_column", stepLabels.get().column());
            }
            if (m.currentSign() < 0) {
                md.putVendor("current_sign", "discharge-positive in the file, negated");
            }
            boolean deriveTime = !mapped.contains(Quantity.TEST_TIME);
            if (deriveTime) {
                md.warn("no Test Time column: test time is the time since the first row's Unix time");
            }
            TableReader table = new TableReader(file, sep, m.decimalComma(), bindings, names,
                    deriveTime ? new TimeFromClock() : null);
            if (headerLine > 0) {
                table.strictFieldCount();
            }
            Set<Quantity> cols = EnumSet.copyOf(table.produces());
            cols.add(Quantity.TEST_TIME);
            BatchWriter out = new BatchWriter(cols, sink, md);
            table.readCurrentAndRest(lines, out, options.progress());
            if (labels != null) {
                labels.warnFallbacks(md);
            }
            out.finish();
        }
    }

    /**
     * Puts the label binding on the {@code --step-type-column}: that column may be the mapping's own Step Type
     * column (the labels then replace its words) or an unmapped one, never a column mapped to another quantity.
     */
    private static void bindStepLabels(String file, CsvMapping m, String[] headers, long headerLine, Binding[] bindings,
                                       LabelBinding labels) {
        String column = labels.labels.column();
        CsvMapping.Column probe = new CsvMapping.Column("--step-type-column", column, Quantity.STEP_TYPE, "");
        int c = probe.position() >= 0 ? probe.position() : find(headers, column);
        if (c < 0 || c >= headers.length) {
            throw InputException.atLine(file, Math.max(1, headerLine), "--step-type-column '" + column + "' is not in the "
                    + (headerLine > 0 ? "header" : "first data line"));
        }
        String mappingName = String.valueOf(Path.of(m.name()).getFileName());
        for (CsvMapping.Column col : m.columns()) {
            int at = col.position() >= 0 ? col.position() : find(headers, col.source());
            if (col.quantity() == Quantity.STEP_TYPE && at != c) {
                throw new InputException(m.name(), "key " + col.key(), "Step Type is mapped to column '" + col.source()
                        + "' and --step-type-column names '" + column + "': drop one");
            }
            if (col.quantity() != Quantity.STEP_TYPE && at == c) {
                throw new InputException(m.name(), "key " + col.key(), "--step-type-column '" + column
                        + "' is mapped to " + col.quantity().label() + " in " + mappingName);
            }
        }
        bindings[c] = labels;
    }

    /**
     * Step labels through a {@link StepLabels} map. A repeated label (the usual case: a label per row, changing
     * per step) is matched against the previous bytes instead of being decoded again.
     */
    private static final class LabelBinding implements Binding {
        final StepLabels labels;
        private final java.nio.charset.Charset charset;
        private final java.util.Map<String, Long> fallbacks = new java.util.LinkedHashMap<>();
        private long fallbackRows;
        private byte[] last = new byte[0];
        private int lastType = -1;
        private String lastFallback;

        LabelBinding(StepLabels labels, java.nio.charset.Charset charset) {
            this.labels = labels;
            this.charset = charset;
        }

        @Override
        public void parse(byte[] b, int s, int e, Row row, Numbers numbers, boolean dc) {
            s = Blanks.skip(b, s, e);
            e = Blanks.trimEnd(b, s, e);
            if (s == e) {
                return; // an empty label leaves the step type empty
            }
            if (!Arrays.equals(b, s, e, last, 0, last.length)) {
                String label = new String(b, s, e - s, charset);
                Optional<StepType> t = labels.typeOf(label);
                if (t.isEmpty()) {
                    // TableReader adds the file, line, column and label
                    throw new IllegalArgumentException("label not in --step-type-map " + String.join(", ", labels.names())
                            + "; add it, or '*=other' for a fallback");
                }
                boolean mapped = labels.labels().keySet().stream().anyMatch(k -> StepLabels.key(k).equals(StepLabels.key(label)));
                lastFallback = mapped ? null : label;
                last = Arrays.copyOfRange(b, s, e);
                lastType = t.get().ordinal();
            }
            if (lastFallback != null) {
                fallbackRows++;
                if (fallbacks.size() < 10 || fallbacks.containsKey(lastFallback)) { // bounded: the first ten labels by name
                    fallbacks.merge(lastFallback, 1L, Long::sum);
                }
            }
            row.setStepType(lastType);
        }

        void warnFallbacks(TestMetadata md) {
            if (fallbacks.isEmpty()) {
                return;
            }
            StringBuilder sb = new StringBuilder();
            for (var e : fallbacks.entrySet()) {
                if (sb.length() < 200) {
                    sb.append(sb.length() == 0 ? "" : ", ").append('\'').append(e.getKey()).append("' in ")
                            .append(e.getValue()).append(e.getValue() == 1 ? " row" : " rows");
                }
            }
            md.warn("step labels not in --step-type-map, read as '" + labels.fallback().orElseThrow().label() + "' ("
                    + fallbackRows + (fallbackRows == 1 ? " row): " : " rows): ") + sb);
        }

        @Override
        public Set<Quantity> produces() {
            return Set.of(Quantity.STEP_TYPE);
        }
    }

    private static int find(String[] headers, String name) {
        for (int i = 0; i < headers.length; i++) {
            if (headers[i].strip().equals(name)) {
                return i;
            }
        }
        for (int i = 0; i < headers.length; i++) {
            if (headers[i].strip().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Test time in seconds since the first row that has a Unix time. */
    private static final class TimeFromClock implements TableReader.RowHook {
        private long first = Batch.NO_TIME;

        @Override
        public boolean finish(Row row, long line) {
            long t = row.epochNanos();
            if (t != Batch.NO_TIME) {
                if (first == Batch.NO_TIME) {
                    first = t;
                }
                row.set(Quantity.TEST_TIME, (t - first) / 1e9);
            }
            return true;
        }
    }

    private static Binding epochMillis() {
        return new Binding() {
            @Override
            public void parse(byte[] b, int s, int e, Row row, Numbers numbers, boolean dc) {
                double v = numbers.parse(b, s, e, dc);
                if (!Double.isNaN(v)) {
                    row.setEpochNanos(Math.round(v * 1e3) * 1_000L);
                }
            }

            @Override
            public Set<Quantity> produces() {
                return Set.of(Quantity.UNIX_TIME);
            }
        };
    }

    /** A date-time by the mapping's pattern: with its own offset or zone if the pattern reads one, else in {@code zone}. */
    private static Binding dateTime(DateTimeFormatter f, ZoneId zone) {
        return new Binding() {
            private byte[] last = new byte[0];
            private long lastNanos;

            @Override
            public void parse(byte[] b, int s, int e, Row row, Numbers numbers, boolean dc) {
                s = Blanks.skip(b, s, e);
                e = Blanks.trimEnd(b, s, e);
                if (s == e) {
                    return;
                }
                if (!Arrays.equals(b, s, e, last, 0, last.length)) {
                    TemporalAccessor t = f.parse(new String(b, s, e - s, StandardCharsets.UTF_8));
                    Instant i = t.isSupported(ChronoField.INSTANT_SECONDS) ? Instant.from(t)
                            : LocalDateTime.from(t).atZone(zone).toInstant();
                    lastNanos = i.getEpochSecond() * 1_000_000_000L + i.getNano();
                    last = Arrays.copyOfRange(b, s, e);
                }
                row.setEpochNanos(lastNanos);
            }

            @Override
            public Set<Quantity> produces() {
                return Set.of(Quantity.UNIX_TIME);
            }
        };
    }
}
