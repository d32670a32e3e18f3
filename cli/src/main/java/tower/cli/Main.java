package tower.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import tower.pipeline.errors.Failure;

/** The {@code tower} command line. Every subcommand is declared here. */
@Command(name = "tower", mixinStandardHelpOptions = true, version = "tower 0.1.0",
        description = "Battery Control Tower: read, store and analyse battery cycler data.")
public final class Main implements Runnable {
    /**
     * Every subcommand, in the order {@code tower --help} lists them. Only the one a command line names is built
     * (picocli reflects over a command's options when it is added, and its classes cannot be class-data shared), so
     * a start does not pay for two dozen commands it does not run; help and unknown names get them all.
     */
    static final java.util.List<Class<?>> COMMANDS = java.util.List.of(
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
            LabelCommand.class,
            DeleteCommand.class,
            ResummarizeCommand.class,
            ExportCommand.class,
            ConfigCommand.class,
            StoreCommand.class,
            BenchCommand.class,
            ServeCommand.class,
            AdminCommand.class,
            CommandLine.HelpCommand.class);

    /** Exit code for bad input files (interface.md). */
    public static final int EXIT_BAD_INPUT = 3;

    @CommandLine.Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Show stack traces of errors.")
    boolean debug;

    @CommandLine.Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "List every warning instead of one line per kind.")
    boolean verbose;

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
        String training = System.getProperty("tower.cds.training");
        if (training != null) {
            System.exit(train(java.nio.file.Path.of(training)));
        }
        if (java.util.Arrays.asList(args).contains("--debug")) {
            System.setProperty("tower.debug", "true"); // libraries that log on damaged input may then (ArbinResReader)
        }
        if (java.util.Arrays.asList(args).contains("--json")) {
            // Jackson's set-up (about 0.1 s at a cold start, interpreted) runs beside the command instead of before
            // its output.
            Thread warm = new Thread(tower.pipeline.json.Json::warmUp, "tower-json-warm-up");
            warm.setDaemon(true);
            warm.start();
        }
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * The build's class-data-sharing training run (see cli/pom.xml): the commands users run most, on the bundled
     * samples, in one JVM, so that the class list it leaves (and the archive dumped from it) holds the classes they
     * load. Output is discarded;
     * returns 0 unless the samples are missing (a command that fails still loaded its classes).
     */
    static int train(java.nio.file.Path samples) {
        java.nio.file.Path arbin = samples.resolve("arbin_example.csv");
        if (!java.nio.file.Files.isRegularFile(arbin)) {
            System.err.println("tower: CDS training skipped: no " + arbin);
            return 0;
        }
        java.nio.file.Path work;
        try {
            work = java.nio.file.Files.createTempDirectory("tower-cds");
        } catch (java.io.IOException e) {
            System.err.println("tower: CDS training skipped: " + e.getMessage());
            return 0;
        }
        String a = arbin.toString();
        String store = work.resolve("store").toString();
        String[][] commands = {
                {"--help"}, {"formats"}, {"formats", "--json"},
                {"cycles", a}, {"cycles", a, "--json"}, {"cycles", a, "--csv"}, {"steps", a, "--json"},
                {"analyze", a, "--json"}, {"dqdv", a, "--cycle", "2", "--json"},
                {"convert", a, work.resolve("a.csv").toString()}, {"convert", a, work.resolve("a.parquet").toString()},
                {"cycles", work.resolve("a.csv").toString(), "--json"},
                {"ingest", samples.toString(), "--store", store, "--timezone", "UTC"}, {"list", "--store", store},
                {"list", "--store", store, "--json"}, {"cycles", "t-0", "--store", store},
                {"cycles", work.resolve("missing.csv").toString()}, {"bench", "--help"}};
        PrintWriter sink = new PrintWriter(java.io.OutputStream.nullOutputStream());
        for (String[] c : commands) {
            run(c, sink, sink);
        }
        if (pipeline != null) {
            pipeline.close();
        }
        try (var files = java.nio.file.Files.walk(work)) {
            for (java.nio.file.Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.deleteIfExists(p);
            }
        } catch (java.io.IOException e) {
            // a temporary folder left behind is harmless
        }
        return 0;
    }

    /** The subcommand the first word names, or null (no word, an option, "help", or an unknown name). */
    private static Class<?> named(String[] args) {
        for (String a : args) {
            if (a.startsWith("-")) {
                continue;
            }
            for (Class<?> c : COMMANDS) {
                if (c != CommandLine.HelpCommand.class && c.getAnnotation(Command.class).name().equals(a)) {
                    return c;
                }
            }
            return null;
        }
        return null;
    }

    private static Object newCommand(Class<?> c) {
        try {
            var ctor = c.getDeclaredConstructor();
            ctor.setAccessible(true);
            return ctor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create the command " + c.getName(), e);
        }
    }

    /** Runs the CLI in-process (tests use this). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        Warnings.verbose = java.util.Arrays.asList(args).contains("--verbose");
        CommandLine cl = new CommandLine(new Main());
        Class<?> named = named(args);
        for (Class<?> c : COMMANDS) {
            if (named == null || c == named) {
                cl.addSubcommand(c.getAnnotation(Command.class).name(), newCommand(c));
            }
        }
        cl.setOut(out);
        cl.setErr(err);
        // usage errors: one line (the command's --help has the rest), exit 2
        cl.setParameterExceptionHandler((ex, arguments) -> {
            String command = ex.getCommandLine().getCommandSpec().qualifiedName();
            err.println("error: " + tower.core.ingest.SafeText.warning(ex.getMessage()) + " (see " + command + " --help)");
            err.flush();
            return CommandLine.ExitCode.USAGE;
        });
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
