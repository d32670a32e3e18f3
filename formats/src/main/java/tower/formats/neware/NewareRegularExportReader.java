package tower.formats.neware;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import tower.core.ingest.InputException;
import tower.core.ingest.ReadOptions;
import tower.core.series.BatchWriter;
import tower.core.series.Quantity;
import tower.core.series.RecordSink;
import tower.core.series.StepType;
import tower.core.series.TestMetadata;
import tower.formats.FormatInfo;
import tower.formats.Probe;
import tower.formats.Reader;
import tower.formats.text.Fields;
import tower.formats.text.Header;
import tower.formats.text.LineReader;
import tower.formats.text.Numbers;
import tower.formats.text.TableReader;
import tower.formats.text.TextFile;

/**
 * Neware BTS "regular" CSV export: three interleaved levels under three header lines. A cycle line
 * ({@code Cycle Index,Chg. Cap.(Ah),...}) opens each cycle, a step line (one leading comma: {@code ,Step Index,Step
 * Number,Step Type,...}) opens each step, and record lines (two leading commas: {@code ,,DataPoint,Time,Total
 * Time,Current(A),...}) are the samples. The first cycle line may carry the first step's fields on the same line.
 * The records are the time series; they take the cycle index, step index, step number (as the step count) and step
 * type of the lines above them. Neware's own cycle and step lines are summaries and are not stored.
 */
public final class NewareRegularExportReader implements Reader {
    private static final FormatInfo INFO = new FormatInfo("neware-regular-csv", "Neware",
            List.of(".csv regular export (cycle, step and record levels)"),
            "line 1 starts 'Cycle Index', line 2 ',Step Index', line 3 ',,DataPoint' (or ',,Record ID')", "1");

    @Override
    public FormatInfo info() {
        return INFO;
    }

    @Override
    public int detect(Probe probe) {
        if (!probe.isText()) {
            return 0;
        }
        String k0 = Header.key(probe.line(0));
        String k1 = Header.key(probe.line(1));
        String k2 = Header.key(probe.line(2));
        boolean cycle = k0.startsWith("cycleindex,") || k0.startsWith("cycleid,");
        boolean step = k1.startsWith(",stepindex,") || k1.startsWith(",stepid,");
        boolean record = k2.startsWith(",,datapoint,") || k2.startsWith(",,recordid,");
        return cycle && step && record ? 95 : 0;
    }

    @Override
    public void read(List<Path> files, ReadOptions options, RecordSink sink) throws IOException {
        sink = tower.formats.audit.TimeAudit.wrap(sink); // unit from the clock, backward time, repeated records
        Path path = files.get(0);
        String file = path.toString();
        TestMetadata md = INFO.metadataFor(path);
        try (LineReader lines = TextFile.open(path, options.limits())) {
            String notNested = "not a Neware regular export: expected cycle, step and record header lines";
            String[] cycleHeader = header(lines, file, options);
            if (TextFile.indexOf(cycleHeader, "Cycle Index", "Cycle ID") != 0) {
                throw InputException.atLine(file, 1, notNested);
            }
            String[] stepHeader = header(lines, file, options);
            if (!stepHeader[0].isEmpty()) {
                throw InputException.atLine(file, 2, notNested);
            }
            String[] recordHeader = header(lines, file, options);
            if (recordHeader.length < 3 || !recordHeader[0].isEmpty() || !recordHeader[1].isEmpty()) {
                throw InputException.atLine(file, 3, notNested);
            }
            int stepIndexCol = TextFile.indexOf(stepHeader, "Step Index", "Step ID");
            int stepNumberCol = TextFile.indexOf(stepHeader, "Step Number");
            int stepTypeCol = TextFile.indexOf(stepHeader, "Step Type");
            if (stepIndexCol < 0 || stepTypeCol < 0) {
                throw InputException.atLine(file, 2, "step header lacks Step Index or Step Type");
            }
            NewareCsvColumns.Plan plan = NewareCsvColumns.bind(file, 3, recordHeader, () -> options.zoneForNaiveTimes(md));
            if (!plan.hasTestTime()) {
                throw InputException.atLine(file, 3, "record header lacks Total Time");
            }
            Context ctx = new Context();
            TableReader.RowHook hook = (row, line) -> {
                row.set(Quantity.CYCLE_COUNT, ctx.cycle);
                row.set(Quantity.STEP_INDEX, ctx.stepIndex);
                row.set(Quantity.STEP_COUNT, ctx.stepNumber);
                row.setStepType(ctx.stepType);
                if (plan.netCapacity()) {
                    NewareCsvColumns.split(row, Quantity.STEP_CHARGING_CAPACITY, Quantity.STEP_DISCHARGING_CAPACITY);
                }
                if (plan.netEnergy()) {
                    NewareCsvColumns.split(row, Quantity.STEP_CHARGING_ENERGY, Quantity.STEP_DISCHARGING_ENERGY);
                }
                return true;
            };
            EnumSet<Quantity> extra = EnumSet.of(Quantity.CYCLE_COUNT, Quantity.STEP_INDEX, Quantity.STEP_TYPE);
            if (stepNumberCol >= 0) {
                extra.add(Quantity.STEP_COUNT);
            }
            TableReader table = new TableReader(file, (byte) ',', false, plan.bindings(), recordHeader, hook);
            BatchWriter out = new BatchWriter(plan.produces(extra), sink, md);
            Fields fields = new Fields();
            while (lines.next()) {
                byte[] b = lines.buffer();
                int s = lines.start;
                int e = lines.end;
                if (isBlank(b, s, e)) {
                    continue;
                }
                if (b[s] == ',' && s + 1 < e && b[s + 1] == ',') {
                    if (!ctx.inStep) {
                        throw InputException.atLine(file, lines.lineNumber(), "record line before any step line");
                    }
                    table.readCurrent(lines, out, options.progress());
                } else if (b[s] == ',') {
                    int n = fields.split(b, s, e, (byte) ',');
                    step(ctx, fields, n, 0, stepIndexCol, stepNumberCol, stepTypeCol, file, lines.lineNumber());
                } else {
                    int n = fields.split(b, s, e, (byte) ',');
                    ctx.cycle = integer(fields, 0, file, lines.lineNumber(), "Cycle Index");
                    ctx.inStep = false;
                    if (n > cycleHeader.length) {
                        // the export writes the first step of the file on the cycle's line: its fields follow the
                        // cycle's, without the step line's leading empty field
                        step(ctx, fields, n, cycleHeader.length - 1, stepIndexCol, stepNumberCol, stepTypeCol, file,
                                lines.lineNumber());
                    }
                }
            }
            if (out.rows() == 0) {
                throw InputException.atLine(file, lines.lineNumber(), "no record lines");
            }
            out.finish();
        }
    }

    /** What the cycle and step lines above the current record said. */
    private static final class Context {
        double cycle = Double.NaN;
        double stepIndex = Double.NaN;
        double stepNumber = Double.NaN;
        int stepType = -1;
        boolean inStep;
    }

    private static void step(Context ctx, Fields f, int n, int offset, int indexCol, int numberCol, int typeCol,
                             String file, long line) {
        int last = Math.max(indexCol, Math.max(numberCol, typeCol)) + offset;
        if (n <= last) {
            throw InputException.atLine(file, line, "step line has " + n + " fields, expected at least " + (last + 1));
        }
        ctx.stepIndex = integer(f, indexCol + offset, file, line, "Step Index");
        ctx.stepNumber = numberCol < 0 ? Double.NaN : integer(f, numberCol + offset, file, line, "Step Number");
        StepType t = NewareCsvColumns.stepType(f.text(typeCol + offset, java.nio.charset.StandardCharsets.ISO_8859_1));
        if (t == null) {
            throw InputException.atLine(file, line, "step line has no Step Type");
        }
        ctx.stepType = t.ordinal();
        ctx.inStep = true;
    }

    private static double integer(Fields f, int i, String file, long line, String what) {
        try {
            return Numbers.parseLong(f.buffer(), f.start(i), f.end(i));
        } catch (NumberFormatException e) {
            throw InputException.atLine(file, line, what + ": cannot read '" + f.text(i, java.nio.charset.StandardCharsets.ISO_8859_1) + "'");
        }
    }

    private static String[] header(LineReader lines, String file, ReadOptions options) throws IOException {
        if (!lines.next()) {
            throw InputException.atLine(file, lines.lineNumber() + 1, "file ends inside the three header lines");
        }
        String text = NewareCsvColumns.decode(lines.buffer(), lines.start, lines.end);
        String[] h = TextFile.splitHeader(lines.lineNumber() == 1 ? TextFile.stripBom(text) : text, ',');
        if (h.length > options.limits().maxColumns()) {
            throw InputException.atLine(file, lines.lineNumber(), "more than " + options.limits().maxColumns() + " columns");
        }
        return h;
    }

    private static boolean isBlank(byte[] b, int s, int e) {
        for (int i = s; i < e; i++) {
            if (b[i] != ' ' && b[i] != ',' && b[i] != '\t') {
                return false;
            }
        }
        return true;
    }
}
