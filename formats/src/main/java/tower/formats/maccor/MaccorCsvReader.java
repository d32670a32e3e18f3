package tower.formats.maccor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import tower.core.ingest.ReadOptions;
import tower.core.series.RecordSink;
import tower.formats.FormatInfo;
import tower.formats.Probe;
import tower.formats.Reader;

/**
 * Maccor comma-separated exports: {@code Today's Date ,28-Nov-23} / {@code Date of Test:,...} lines, then
 * {@code Rec,Cycle C,Step,Test Time (sec),Step Time (sec),Capacity,Energy,Current,Voltage,DPT Time,...}. Without a
 * state column the current is taken as signed (positive = charge) and the step-scoped Capacity/Energy counters
 * are filed under charge or discharge by its sign.
 */
public final class MaccorCsvReader implements Reader {
    private static final FormatInfo INFO = new FormatInfo("maccor-csv", "Maccor",
            List.of(".csv export"),
            "a comma-separated header line starting Rec/Rec#, with a cycle column, Current/Amps and Voltage/Volts, within the first 40 lines", "1");

    @Override
    public FormatInfo info() {
        return INFO;
    }

    @Override
    public int detect(Probe probe) {
        if (!probe.isText()) {
            return 0;
        }
        int i = MaccorPreamble.headerIndex(probe.lines(), ',');
        if (i < 0) {
            return 0;
        }
        return i > 0 && probe.line(0).toLowerCase(java.util.Locale.ROOT).startsWith("today's date") ? 92 : 87;
    }

    @Override
    public void read(List<Path> files, ReadOptions options, RecordSink sink) throws IOException {
        sink = tower.formats.audit.TimeAudit.wrap(sink); // unit from the clock, backward time, repeated records
        MaccorTable.read(INFO, ',', files, options, sink);
    }

    @Override
    public List<Path> companions(Path first) throws IOException {
        return MaccorTable.companions(first, ',');
    }
}
