package tower.cli;

import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import tower.store.Store;

@Command(name = "store", mixinStandardHelpOptions = true, description = "Store maintenance.",
        subcommands = {StoreCommand.Info.class, StoreCommand.Compact.class})
final class StoreCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "give a subcommand: info or compact");
    }

    static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0);
    }

    @Command(name = "info", mixinStandardHelpOptions = true,
            description = "Size of the store's database and the space an interrupted ingest left unused.")
    static final class Info implements Callable<Integer> {
        @CommandLine.Mixin
        StoreOptions store;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            try (Store s = store.openRead()) {
                Store.Size size = s.size();
                var out = spec.commandLine().getOut();
                out.println("store: " + store.dir().toAbsolutePath());
                out.println("tests: " + s.list().size());
                out.println("file: " + mb(size.fileBytes()) + ", in use: " + mb(size.usedBytes()) + ", unused: "
                        + mb(size.deadBytes()) + (size.deadBytes() > Math.max(16L << 20, size.fileBytes() / 4) ? " (tower store compact reclaims it)" : ""));
                out.flush();
            }
            return 0;
        }
    }

    @Command(name = "compact", mixinStandardHelpOptions = true,
            description = "Rewrite the store's database with only its live data (reclaims the space of interrupted ingests).")
    static final class Compact implements Callable<Integer> {
        @CommandLine.Mixin
        StoreOptions store;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Store s = store.openWrite("store compact");
            long before;
            Store.Size after;
            try {
                before = s.size().fileBytes();
                after = s.compact();
            } finally {
                s.close();
            }
            spec.commandLine().getOut().println("compacted " + store.dir() + ": " + mb(before) + " -> " + mb(after.fileBytes()));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
