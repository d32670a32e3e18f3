package tower.cli;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import tower.store.Store;

@Command(name = "config", mixinStandardHelpOptions = true,
        description = {"Show or set store settings (setting one creates the store when there is none).",
                "--timezone ZONE sets the zone used for files with local wall-clock timestamps when ingest has no --timezone."})
final class ConfigCommand implements Callable<Integer> {
    @CommandLine.Mixin
    StoreOptions store;

    @CommandLine.Option(names = "--timezone", paramLabel = "ZONE", description = "Default IANA zone of naive timestamps ('none' to clear).")
    Optional<String> timezone = Optional.empty();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Optional<String> zone = Optional.empty();
        if (timezone.isPresent() && !timezone.get().equalsIgnoreCase("none")) {
            try {
                zone = Optional.of(ZoneId.of(timezone.get()).getId());
            } catch (DateTimeException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "unknown time zone '" + timezone.get() + "'");
            }
        }
        try (Store s = timezone.isPresent() ? store.openWrite("config", true) : store.openRead()) {
            if (s.created()) {
                spec.commandLine().getErr().println("created store " + store.dir());
            }
            if (timezone.isPresent()) {
                if (timezone.get().equalsIgnoreCase("none")) {
                    s.removeConfig(Store.DEFAULT_TIMEZONE);
                } else {
                    s.setConfig(Store.DEFAULT_TIMEZONE, zone.orElseThrow());
                }
            }
            spec.commandLine().getOut().println("store: " + store.dir().toAbsolutePath());
            spec.commandLine().getOut().println("timezone: " + s.config(Store.DEFAULT_TIMEZONE).orElse("(none: naive timestamps are read as UTC, with a warning)"));
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
