package tower.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

/** Only the named subcommand is built at start; help and unknown names still see every command. */
class MainTest {
    @Test
    void helpListsEveryCommandAndTheNamedOneRunsWithTheInheritedOptions() {
        Cli help = Cli.run("--help");
        assertThat(help.exit()).isZero();
        for (Class<?> c : Main.COMMANDS) {
            assertThat(help.out()).contains("  " + c.getAnnotation(Command.class).name() + " ");
        }
        Cli formats = Cli.run("--verbose", "formats", "--json");
        assertThat(formats.exit()).as(formats.err()).isZero();
        assertThat(formats.out()).contains("arbin-csv");
        Cli debug = Cli.run("cycles", "no-such-file.csv", "--debug");
        assertThat(debug.exit()).isEqualTo(3);
        assertThat(debug.err()).contains("no-such-file.csv");
        Cli typo = Cli.run("cyclez", "x");
        assertThat(typo.exit()).isEqualTo(2);
        assertThat(typo.err()).contains("cyclez");
        assertThat(Cli.run("help", "cycles").out()).contains("Usage: tower cycles");
    }
}
