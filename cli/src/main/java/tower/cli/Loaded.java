package tower.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Optional;
import picocli.CommandLine;
import tower.core.cycling.CycleTable;
import tower.core.cycling.CyclingOptions;
import tower.core.cycling.StepTable;
import tower.core.cycling.Steps;
import tower.core.ingest.Progress;
import tower.core.series.TimeSeries;
import tower.store.Store;

/** A whole test in memory for analyses: from a file, or from the store when INPUT is a test id. */
record Loaded(String source, String format, TimeSeries series, CycleTable cycles, StepTable steps) {
    static Loaded of(CommandLine.Model.CommandSpec spec, String input, CommonOptions common, StoreOptions store)
            throws IOException {
        Path file = Path.of(input);
        CyclingOptions cycling = common.cycling();
        if (!Files.exists(file) && input.startsWith("t-") && Files.isDirectory(store.dir())) {
            try (Store s = store.open()) {
                var test = s.find(input);
                if (test.isPresent()) {
                    TimeSeries ts = s.timeSeries(input);
                    return new Loaded(test.get().fileName(), test.get().format(), ts, s.cycles(input), Steps.of(ts, cycling));
                }
            }
        }
        Optional<ZoneId> zone = Inputs.zone(spec, common.timezone);
        TimeSeries.Collector collector = new TimeSeries.Collector();
        var r = Inputs.read(file, common.format, common.mapping, Inputs.options(zone, Optional.empty(), Progress.NONE), cycling, collector);
        Warnings.print(spec.commandLine().getErr(), r.metadata());
        TimeSeries ts = collector.result();
        return new Loaded(file.getFileName().toString(), r.reader().info().id(), ts, r.cycles(), Steps.of(ts, cycling));
    }
}
