package tower.cli;

import tower.pipeline.json.Json;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import tower.pipeline.analysis.Analyses;
import tower.core.analysis.DqdvOptions;
import tower.core.analysis.DqdvPeak;
import tower.core.analysis.DqdvResult;
import tower.core.analysis.HalfCycle;

@Command(name = "dqdv", mixinStandardHelpOptions = true,
        description = "Incremental capacity dQ/dV and differential voltage dV/dQ of one constant-current half-cycle, "
                + "with peaks (position, height, area). Method: cellpy's (interpolate, invert to Q(V) on a uniform "
                + "voltage grid, differentiate, Gaussian smoothing of stated FWHM; Savitzky-Golay pre-smoothing optional).")
final class DqdvCommand implements Callable<Integer> {
    @CommandLine.Mixin
    TestInput input;

    @CommandLine.Option(names = "--cycle", required = true, paramLabel = "N", description = "Cycle index.")
    long cycle;

    @CommandLine.Option(names = "--half", paramLabel = "HALF", description = "discharge (default) or charge.")
    String half = "discharge";

    @CommandLine.Option(names = "--fwhm", paramLabel = "V", description = "Gaussian smoothing FWHM in volts (default 0.01).")
    double fwhm = DqdvOptions.DEFAULT.fwhmV();

    @CommandLine.Option(names = "--savgol", description = "Pre-smooth V(Q) with Savitzky-Golay (window ~N/50, order 3).")
    boolean savgol;

    @CommandLine.Option(names = "--json", description = "Print JSON.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        HalfCycle h;
        DqdvOptions options;
        try {
            h = Analyses.half(half);
            options = Analyses.dqdvOptions(fwhm, savgol);
        } catch (tower.pipeline.errors.TowerException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--" + e.getMessage());
        }
        tower.pipeline.LoadedTest t = input.load(spec);
        DqdvResult r;
        try {
            r = Analyses.dqdv(t.series(), t.cycles(), t.steps(), cycle, h, options);
        } catch (tower.pipeline.errors.TowerException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        var out = spec.commandLine().getOut();
        if (json) {
            Json.print(out, r);
            return 0;
        }
        out.printf(Locale.ROOT, "%s cycle %d %s: %.6g Ah over %d grid points%n", t.source(), r.cycleIndex(), r.half(),
                r.halfCycleCapacityAh(), r.voltageV().size());
        out.printf("%10s %14s %12s%n", "peak V", "dQ/dV Ah/V", "area Ah");
        for (DqdvPeak p : r.peaks()) {
            out.printf(Locale.ROOT, "%10.4f %14.5g %12.5g%n", p.voltageV(), p.dqdvAhPerV(), p.areaAh());
        }
        out.flush();
        return 0;
    }
}
