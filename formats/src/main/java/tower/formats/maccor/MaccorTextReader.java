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
 * Maccor tab-separated text exports: one metadata line ({@code Today's Date ... Date of Test: ... Filename: ...}) or
 * three key/value lines ({@code Tester Channel}, {@code Aux #n / Units} pairs), then the {@code Rec# Cyc# Step ...}
 * table. Test time in seconds, minutes or {@code Nd hh:mm:ss}; unsigned current signed by the state letter;
 * Amp-hr and Watt-hr restart at every step. Continuation files ({@code .002}, {@code .003}) are read as one test.
 */
public final class MaccorTextReader implements Reader {
    private static final FormatInfo INFO = new FormatInfo("maccor-txt", "Maccor",
            List.of("tab-separated text export (.NNN, .txt), with continuation files .002, .003 ..."),
            "a tab-separated header line starting Rec#, with Cyc#, Amps/Current and Volts/Voltage, within the first 40 lines", "1");

    @Override
    public FormatInfo info() {
        return INFO;
    }

    @Override
    public int detect(Probe probe) {
        if (!probe.isText()) {
            return 0;
        }
        int i = MaccorPreamble.headerIndex(probe.lines(), '\t');
        if (i < 0) {
            return 0;
        }
        return i > 0 && probe.line(0).toLowerCase(java.util.Locale.ROOT).startsWith("today's date") ? 93 : 88;
    }

    @Override
    public void read(List<Path> files, ReadOptions options, RecordSink sink) throws IOException {
        sink = tower.formats.audit.TimeAudit.wrap(sink); // unit from the clock, backward time, repeated records
        MaccorTable.read(INFO, '\t', files, options, sink);
    }

    @Override
    public List<Path> companions(Path first) throws IOException {
        return MaccorTable.companions(first, '\t');
    }
}
