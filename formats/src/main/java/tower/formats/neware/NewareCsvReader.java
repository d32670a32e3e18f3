package tower.formats.neware;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import tower.core.ingest.InputException;
import tower.core.ingest.ReadOptions;
import tower.core.series.Batch;
import tower.core.series.BatchWriter;
import tower.core.series.Quantity;
import tower.core.series.RecordSink;
import tower.core.series.TestMetadata;
import tower.formats.FormatInfo;
import tower.formats.Probe;
import tower.formats.Reader;
import tower.formats.text.LineReader;
import tower.formats.text.TableReader;
import tower.formats.text.TextFile;

/**
 * Neware BTS CSV export as a flat record table: {@code DataPoint, Cycle Index, Step Index, Step Type, Time,
 * Cumulative Time, Current(A), Voltage(V), Chg. Cap.(Ah), DChg. Cap.(Ah), ..., Date}. Current is signed
 * (negative = discharge); {@code Time} is the step time and {@code Cumulative Time}/{@code Total Time} the test
 * time, both {@code h:mm:ss}; {@code Date} is local wall-clock time. The capacity and energy counters restart at
 * every step and are stored as step-scoped accumulators; specific (per gram) columns are not read.
 */
public final class NewareCsvReader implements Reader {
    private static final FormatInfo INFO = new FormatInfo("neware-csv", "Neware",
            List.of(".csv export (record table)"),
            "first line holds DataPoint, Cycle Index, Step Index, Step Type, Current(...) and Voltage(...)", "1");

    @Override
    public FormatInfo info() {
        return INFO;
    }

    @Override
    public int detect(Probe probe) {
        if (!probe.isText()) {
            return 0;
        }
        String line = probe.line(0);
        if (line.startsWith(",")) {
            return 0;
        }
        String[] h = TextFile.splitHeader(line, ',');
        boolean point = TextFile.indexOf(h, "DataPoint", "Data Point", "Record ID") >= 0;
        boolean cycleStep = TextFile.indexOf(h, "Cycle Index", "Cycle ID") >= 0 && TextFile.indexOf(h, "Step Index", "Step ID") >= 0;
        boolean type = TextFile.indexOf(h, "Step Type") >= 0;
        boolean iv = TextFile.indexOf(h, "Current") >= 0 && TextFile.indexOf(h, "Voltage") >= 0;
        return point && cycleStep && type && iv ? 92 : 0;
    }

    @Override
    public void read(List<Path> files, ReadOptions options, RecordSink sink) throws IOException {
        sink = tower.formats.audit.TimeAudit.wrap(sink); // unit from the clock, backward time, repeated records
        Path path = files.get(0);
        String file = path.toString();
        TestMetadata md = INFO.metadataFor(path);
        try (LineReader lines = TextFile.open(path, options.limits())) {
            if (!lines.next()) {
                throw InputException.atLine(file, 1, "empty file");
            }
            String[] headers = TextFile.splitHeader(
                    TextFile.stripBom(NewareCsvColumns.decode(lines.buffer(), lines.start, lines.end)), ',');
            if (headers.length > options.limits().maxColumns()) {
                throw InputException.atLine(file, 1, "more than " + options.limits().maxColumns() + " columns");
            }
            NewareCsvColumns.Plan plan = NewareCsvColumns.bind(file, 1, headers, () -> options.zoneForNaiveTimes(md));
            long[] firstEpoch = {Batch.NO_TIME};
            TableReader.RowHook hook = (row, line) -> {
                if (plan.netCapacity()) {
                    NewareCsvColumns.split(row, Quantity.STEP_CHARGING_CAPACITY, Quantity.STEP_DISCHARGING_CAPACITY);
                }
                if (plan.netEnergy()) {
                    NewareCsvColumns.split(row, Quantity.STEP_CHARGING_ENERGY, Quantity.STEP_DISCHARGING_ENERGY);
                }
                if (!plan.hasTestTime() && row.epochNanos() != Batch.NO_TIME) {
                    // no elapsed-time column: the test time is the clock time since the first record
                    if (firstEpoch[0] == Batch.NO_TIME) {
                        firstEpoch[0] = row.epochNanos();
                    }
                    row.set(Quantity.TEST_TIME, (row.epochNanos() - firstEpoch[0]) / 1e9);
                }
                return true;
            };
            TableReader table = new TableReader(file, (byte) ',', false, plan.bindings(), headers, hook);
            BatchWriter out = new BatchWriter(plan.produces(Set.of(Quantity.TEST_TIME)), sink, md);
            table.readAll(lines, out, options.progress());
            if (out.rows() == 0) {
                throw InputException.atLine(file, 2, "no data rows after the header");
            }
            out.finish();
        }
    }
}
