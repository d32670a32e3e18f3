package tower.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import tower.pipeline.manage.StoredTests;
import tower.store.Store;

@Command(name = "delete", mixinStandardHelpOptions = true,
        description = {"Remove stored tests with their samples and cycles.",
                "Asks for confirmation on a terminal; --yes skips it (needed when standard input is not a terminal)."})
final class DeleteCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "TEST_ID")
    List<String> testIds;

    @CommandLine.Option(names = {"--yes", "-y"}, description = "Do not ask.")
    boolean yes;

    @CommandLine.Mixin
    StoreOptions store;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        try (Store s = store.openWrite("delete")) {
            for (String id : testIds) {
                StoredTests.require(s, id);
            }
            if (!yes) {
                if (System.console() == null) {
                    throw new CommandLine.ParameterException(spec.commandLine(),
                            "delete needs --yes when standard input is not a terminal");
                }
                out.print("delete " + testIds.size() + " test(s) from " + store.dir() + "? [y/N] ");
                out.flush();
                String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                if (answer == null || !answer.strip().equalsIgnoreCase("y")) {
                    out.println("nothing deleted");
                    out.flush();
                    return 0;
                }
            }
            StoredTests.delete(s, testIds);
        }
        out.println("deleted " + String.join(" ", testIds));
        out.flush();
        return 0;
    }
}
