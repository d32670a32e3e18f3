package tower.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/** Runs the CLI in-process and captures its output. */
record Cli(int exit, String out, String err) {
    static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Cli(code, out.toString(), err.toString());
    }

    static String shared(String relative) {
        // as tower.formats.TestFiles.shared: shipped files from testdata/, GPL ones (yadg/) from ../shared or skipped
        if (relative.startsWith("yadg/")) {
            Path p = Path.of(System.getProperty("tower.gpl", "../../shared"), "data", relative);
            org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.exists(p),
                    "skipped: " + relative + " is GPL-3.0 test data we do not ship; it is read from ../shared/data when present");
            return p.toString();
        }
        return Path.of(System.getProperty("tower.shared", "../../testdata"), "data", relative).toString();
    }
}
