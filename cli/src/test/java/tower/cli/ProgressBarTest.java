package tower.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    private final long[] now = {0};

    private ProgressBar bar(boolean enabled, ByteArrayOutputStream sink) {
        return new ProgressBar(enabled, new PrintStream(sink, true, StandardCharsets.UTF_8), "ingest x.csv",
                200L << 20, () -> now[0]);
    }

    @Test
    void drawsBytesRateRowsAndTimeLeftOnlyAfterASecond() {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        ProgressBar bar = bar(true, sink);
        now[0] = 500_000_000L;
        bar.rows(50_000);
        bar.update(10L << 20);
        assertThat(sink.size()).as("nothing in the first second").isZero();
        now[0] = 2_000_000_000L;
        bar.rows(1_000_000);
        bar.update(100L << 20);
        String line = sink.toString(StandardCharsets.UTF_8);
        assertThat(line).startsWith("\ringest x.csv [").contains(" 50% 100.0MB/200.0MB 50.0MB/s")
                .contains("500k rows/s").endsWith("eta 0m02s");
        bar.close();
        assertThat(sink.toString(StandardCharsets.UTF_8)).endsWith("\r");
    }

    @Test
    void disabledBarPrintsNothing() {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        ProgressBar bar = bar(false, sink);
        now[0] = 5_000_000_000L;
        bar.update(100L << 20);
        bar.close();
        assertThat(sink.size()).isZero();
    }

    /** A real process whose standard error is a pipe: no bar, though it runs for over a second. */
    @Test
    void nothingOnAPipe() throws Exception {
        assertThat(child(List.of())).isEmpty();
        // the same child told that its standard error is a terminal does draw: the check above can fail
        assertThat(child(List.of("-Dtower.stderr.tty=true"))).contains("child [").contains("eta");
    }

    private static String child(List<String> props) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        cmd.addAll(props);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Child.class.getName()));
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        return err;
    }

    /** Updates a bar for 1.5 s. */
    public static final class Child {
        public static void main(String[] args) throws InterruptedException {
            try (ProgressBar bar = ProgressBar.start(true, "child", 1000)) {
                for (int k = 1; k <= 15; k++) {
                    Thread.sleep(100);
                    bar.update(k * 50L);
                }
            }
        }
    }
}
