package tower.cli;

import java.io.IOException;
import picocli.CommandLine;
import picocli.CommandLine.Parameters;
import tower.pipeline.LoadedTest;

/** The INPUT of the analysis commands: a cycler file, or a stored test id, with the reading and store options. */
final class TestInput {
    @Parameters(index = "0", paramLabel = "INPUT", description = "Cycler file or stored test id.")
    String input;

    @CommandLine.Mixin
    CommonOptions common;

    @CommandLine.Mixin
    StoreOptions store;

    LoadedTest load(CommandLine.Model.CommandSpec spec) throws IOException {
        return Inputs.load(spec, input, common, store);
    }
}
