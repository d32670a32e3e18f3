package tower.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongSupplier;
import tower.formats.text.RowProgress;

/**
 * A one-line progress bar on standard error (bytes done of total, MB/s, rows/s when the reader reports rows, time
 * left), drawn only when standard error is a terminal and only once the work has taken more than a second; silent
 * on a pipe or a file, and for {@code --json}.
 */
final class ProgressBar implements RowProgress, AutoCloseable {
    /** Nothing is drawn before this: quick reads stay quiet. */
    static final long DELAY_NANOS = 1_000_000_000L;
    private static final long REDRAW_NANOS = 200_000_000L;
    private static final int WIDTH = 24;

    private final boolean enabled;
    private final PrintStream err;
    private final String label;
    private final long total;
    private final LongSupplier clock;
    private final long started;
    private long lastDraw;
    private long rows = -1;
    private int drawnLength;

    ProgressBar(boolean enabled, PrintStream err, String label, long total, LongSupplier clock) {
        this.enabled = enabled;
        this.err = err;
        this.label = label;
        this.total = total;
        this.clock = clock;
        this.started = clock.getAsLong();
    }

    /** A bar that draws only when {@code wanted} and standard error is a terminal. */
    static ProgressBar start(boolean wanted, String label, long total) {
        return new ProgressBar(wanted && stderrIsTerminal(), System.err, label, total, System::nanoTime);
    }

    /**
     * Whether standard error is a terminal. The JVM cannot ask isatty(2) itself: the launcher tells it
     * ({@code -Dtower.stderr.tty}); else, on Linux, where file descriptor 2 points; else whether the process has a
     * console (standard input and output are a terminal).
     */
    static boolean stderrIsTerminal() {
        String told = System.getProperty("tower.stderr.tty");
        if (told != null) {
            return Boolean.parseBoolean(told);
        }
        Path fd2 = Path.of("/proc/self/fd/2");
        try {
            if (Files.exists(fd2, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                String target = Files.readSymbolicLink(fd2).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            }
        } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
            // fall through to the console test
        }
        return System.console() != null;
    }

    boolean enabled() {
        return enabled;
    }

    @Override
    public void rows(long rowsRead) {
        rows = rowsRead;
    }

    @Override
    public void update(long bytes) {
        if (!enabled) {
            return;
        }
        long now = clock.getAsLong();
        if (now - started < DELAY_NANOS || now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        String line = render(bytes, (now - started) / 1e9);
        // pad over a longer previous line
        err.print("\r" + line + " ".repeat(Math.max(0, drawnLength - line.length())));
        err.flush();
        drawnLength = line.length();
    }

    /** The bar's text after {@code secs} seconds with {@code bytes} read. */
    String render(long bytes, double secs) {
        double rate = bytes / Math.max(secs, 1e-9);
        double frac = total > 0 ? Math.min(1.0, (double) bytes / total) : 0;
        int fill = (int) Math.round(frac * WIDTH);
        String eta = rate > 0 && total > bytes ? fmtTime((total - bytes) / rate) : "--";
        StringBuilder b = new StringBuilder(96);
        b.append(label).append(" [").append("#".repeat(fill)).append(" ".repeat(WIDTH - fill)).append("] ");
        b.append(String.format(Locale.ROOT, "%3.0f%% %s/%s %s/s", frac * 100, fmtBytes(bytes), fmtBytes(total),
                fmtBytes((long) rate)));
        if (rows >= 0) {
            b.append(' ').append(fmtCount(rows / Math.max(secs, 1e-9))).append(" rows/s");
        }
        b.append(" eta ").append(eta);
        return b.toString();
    }

    private static String fmtBytes(long b) {
        if (b >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1fGB", b / (double) (1L << 30));
        }
        if (b >= 1L << 20) {
            return String.format(Locale.ROOT, "%.1fMB", b / (double) (1L << 20));
        }
        return String.format(Locale.ROOT, "%.0fkB", b / 1024.0);
    }

    private static String fmtCount(double n) {
        return n >= 1e6 ? String.format(Locale.ROOT, "%.2fM", n / 1e6)
                : n >= 1e3 ? String.format(Locale.ROOT, "%.0fk", n / 1e3) : String.format(Locale.ROOT, "%.0f", n);
    }

    private static String fmtTime(double s) {
        long t = Math.round(s);
        return t >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", t / 3600, t / 60 % 60)
                : String.format(Locale.ROOT, "%dm%02ds", t / 60, t % 60);
    }

    @Override
    public void close() {
        if (drawnLength > 0) {
            err.print("\r" + " ".repeat(drawnLength) + "\r");
            err.flush();
            drawnLength = 0;
        }
    }
}
