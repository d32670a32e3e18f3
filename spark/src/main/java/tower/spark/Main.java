package tower.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * {@code tower spark ...}: the fleet job in local mode on this machine (no Spark installation needed), and its
 * benchmark. Usage:
 * <pre>
 *   tower spark run INPUT... OUTPUT [--master local[2]] [--timezone ZONE] [--cycle-rule R] [--ce-convention C]
 *                                   [--reference RULE] [--threshold T] [--full]
 *   tower spark bench [--tests 1000] [--rows-per-test 100000] [--cycles 200] [--dir DIR] [--masters local[1],local[2]]
 * </pre>
 */
public final class Main {
    private Main() {
    }

    static final String USAGE = """
            usage: tower spark run INPUT... OUTPUT [--master local[2]] [--timezone ZONE] [--cycle-rule RULE]
                                   [--ce-convention RULE] [--reference RULE] [--threshold T] [--full]
                   tower spark bench [--tests N] [--rows-per-test N] [--cycles N] [--dir DIR] [--masters M1,M2]
              INPUT: a dataset directory (tower export --dataset), BDF Parquet file(s), or a folder of raw cycler files.""";

    /** A parsed {@code run} command line. */
    record Run(JobSpec spec, String master) {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            System.out.println(USAGE);
            return;
        }
        try {
            switch (args[0]) {
                case "run" -> {
                    Run r = parseRun(java.util.Arrays.copyOfRange(args, 1, args.length));
                    SparkSession spark = local(r.master());
                    try {
                        long t0 = System.nanoTime();
                        FleetJob.Summary s = FleetJob.run(spark, r.spec());
                        System.out.printf(java.util.Locale.ROOT, "%s in %.1f s -> %s%n", s, (System.nanoTime() - t0) / 1e9,
                                r.spec().output());
                    } finally {
                        spark.stop();
                    }
                }
                case "bench" -> Bench.main(java.util.Arrays.copyOfRange(args, 1, args.length));
                default -> throw new IllegalArgumentException("unknown command '" + args[0] + "'");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
        }
    }

    /** {@code INPUT... OUTPUT [options]}; also the arguments of {@link FleetJob#main} under spark-submit. */
    static Run parseRun(String[] args) {
        List<String> paths = new ArrayList<>();
        String master = "local[2]";
        String zone = "";
        String rule = "vendor", ce = "auto", reference = "first";
        double threshold = 0.8;
        boolean full = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--master" -> master = value(args, ++i, a);
                case "--timezone" -> zone = value(args, ++i, a);
                case "--cycle-rule" -> rule = value(args, ++i, a);
                case "--ce-convention" -> ce = value(args, ++i, a);
                case "--reference" -> reference = value(args, ++i, a);
                case "--threshold" -> threshold = Double.parseDouble(value(args, ++i, a));
                case "--full" -> full = true;
                default -> {
                    if (a.startsWith("--")) {
                        throw new IllegalArgumentException("unknown option " + a);
                    }
                    paths.add(a);
                }
            }
        }
        if (paths.size() < 2) {
            throw new IllegalArgumentException("give INPUT... OUTPUT");
        }
        try {
            JobSpec spec = new JobSpec(paths.subList(0, paths.size() - 1), paths.get(paths.size() - 1), zone, rule, ce,
                    reference, threshold, full);
            return new Run(spec, master);
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("--timezone: " + e.getMessage());
        }
    }

    static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    /** A local session bound to the loopback interface, without the web UI. */
    public static SparkSession local(String master) {
        return SparkSession.builder().master(master).appName("tower")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false")
                .config("spark.sql.shuffle.partitions", "8")
                .config("spark.sql.sources.partitionColumnTypeInference.enabled", "false")
                .getOrCreate();
    }
}
