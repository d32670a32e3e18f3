package tower.formats.biologic;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import tower.core.ingest.InputException;
import tower.core.ingest.ReadOptions;
import tower.core.series.Batch;
import tower.core.series.BatchWriter;
import tower.core.series.RecordSink;
import tower.core.series.TestMetadata;
import tower.formats.FormatInfo;
import tower.formats.Probe;
import tower.formats.Reader;
import tower.formats.text.Fields;
import tower.formats.text.LineReader;
import tower.formats.text.TableReader;
import tower.formats.text.TextFile;

/**
 * BioLogic EC-Lab data as a semicolon-separated table with BioLogic column names, as saved by beep and similar
 * tools: no header block, possibly a leading unnamed index column, {@code time/s} either seconds or a local
 * date-time ({@code MM/dd/yyyy HH:mm:ss.SSS}; the test time is then the time since the first row). Column mapping:
 * {@link BiologicTextTable}.
 */
public final class BiologicCsvReader implements Reader {
    private static final FormatInfo INFO = new FormatInfo("biologic-csv", "BioLogic",
            List.of(".csv (semicolon-separated EC-Lab columns)"),
            "first line is ';'-separated with time/s, Ewe/V or Ecell/V, and I/mA or <I>/mA", "1");

    @Override
    public FormatInfo info() {
        return INFO;
    }

    @Override
    public int detect(Probe probe) {
        if (!probe.isText()) {
            return 0;
        }
        String[] h = TextFile.splitHeader(probe.line(0), ';');
        return h.length >= 3 && BiologicMptReader.isTable(h) ? 90 : 0;
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
                    TextFile.stripBom(BiologicTextTable.decode(lines.buffer(), lines.start, lines.end)), ';');
            if (headers.length > options.limits().maxColumns()) {
                throw InputException.atLine(file, 1, "more than " + options.limits().maxColumns() + " columns");
            }
            if (!lines.next()) {
                throw InputException.atLine(file, 2, "no data rows after the header");
            }
            Fields first = new Fields();
            int n = first.split(lines.buffer(), lines.start, lines.end, (byte) ';');
            boolean decimalComma = BiologicTextTable.hasComma(lines.buffer(), lines.start, lines.end);
            BiologicTextTable.Plan plan = BiologicTextTable.plan(file, 1, headers, first, n, Batch.NO_TIME,
                    () -> options.zoneForNaiveTimes(md));
            TableReader table = new TableReader(file, (byte) ';', decimalComma, plan.bindings(), headers, plan.hook());
            plan.describe(md);
            BatchWriter out = new BatchWriter(plan.columns(), sink, md);
            table.readCurrentAndRest(lines, out, options.progress());
            out.finish();
        }
    }
}
