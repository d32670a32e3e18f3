package tower.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import tower.pipeline.errors.Failure;

/** The {@code tower} command line. Every subcommand is declared here. */
@Command(name = "tower", mixinStandardHelpOptions = true, version = "tower 0.1.0",
        description = "Battery Control Tower: read, store and analyse battery cycler data.",
        subcommands = {
                DemoCommand.class,
                FormatsCommand.class,
                ConvertCommand.class,
                CyclesCommand.class,
                StepsCommand.class,
                AnalyzeCommand.class,
                DqdvCommand.class,
                HppcCommand.class,
                FeaturesCommand.class,
                TrainCommand.class,
                PredictCommand.class,
                IngestCommand.class,
                ListCommand.class,
                ExportCommand.class,
                ConfigCommand.class,
                BenchCommand.class,
                ServeCommand.class,
                AdminCommand.class,
                CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {
    /** Exit code for bad input files (interface.md). */
    public static final int EXIT_BAD_INPUT = 3;

    @CommandLine.Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Show stack traces of errors.")
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private static volatile tower.pipeline.Pipeline pipeline;

    /** The process's one pipeline (with its parsing pool), made on first use: commands that read nothing pay nothing. */
    static tower.pipeline.Pipeline pipeline() {
        tower.pipeline.Pipeline p = pipeline;
        if (p == null) {
            synchronized (Main.class) {
                if (pipeline == null) {
                    pipeline = new tower.pipeline.Pipeline(tower.pipeline.PipelineConfig.defaults());
                }
                p = pipeline;
            }
        }
        return p;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        if (!java.util.Arrays.asList(args).contains("--debug")) {
            // Libraries that log on damaged input (Jackcess) would break the one-line error contract of exit code 3.
            java.util.logging.Logger.getLogger("com.healthmarketscience").setLevel(java.util.logging.Level.OFF);
        }
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI in-process (tests use this). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            boolean debug = parseResult.hasMatchedOption("--debug")
                    || parseResult.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--debug"));
            if (debug) {
                ex.printStackTrace(err);
            }
            // One error model (tower.pipeline.errors): the same classification gives the server its HTTP status.
            Failure f = Failure.of(ex);
            err.println("error: " + f.message());
            err.flush();
            return f.kind().exitCode();
        });
        return cl.execute(args);
    }
}
