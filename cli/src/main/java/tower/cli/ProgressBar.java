package tower.cli;

import java.io.PrintStream;
import java.util.Locale;
import tower.core.ingest.Progress;

/**
 * A one-line progress bar on standard error (bytes done of total, rate, time left) shown only on an interactive
 * terminal; silent when output is piped or redirected, and for {@code --json}.
 */
final class ProgressBar implements Progress, AutoCloseable {
    private final PrintStream err;
    private final String label;
    private final long total;
    private final long started = System.nanoTime();
    private long lastDraw;
    private boolean drawn;

    private final boolean enabled;

    private ProgressBar(boolean enabled, PrintStream err, String label, long total) {
        this.enabled = enabled;
        this.err = err;
        this.label = label;
        this.total = total;
    }

    /** A bar that draws only when {@code wanted} and standard output and error are a terminal. */
    static ProgressBar start(boolean wanted, String label, long total) {
        return new ProgressBar(wanted && System.console() != null, System.err, label, total);
    }

    @Override
    public void update(long bytes) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDraw < 200_000_000L) {
            return;
        }
        lastDraw = now;
        double secs = (now - started) / 1e9;
        double rate = bytes / Math.max(secs, 1e-9);
        double frac = total > 0 ? Math.min(1.0, (double) bytes / total) : 0;
        int width = 30;
        int fill = (int) Math.round(frac * width);
        String eta = rate > 0 && total > bytes ? fmtTime((total - bytes) / rate) : "--";
        err.print(String.format(Locale.ROOT, "\r%s [%s%s] %5.1f%% %s/%s %s/s eta %s ", label, "#".repeat(fill),
                " ".repeat(width - fill), frac * 100, fmtBytes(bytes), fmtBytes(total), fmtBytes((long) rate), eta));
        err.flush();
        drawn = true;
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

    private static String fmtTime(double s) {
        long t = Math.round(s);
        return t >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", t / 3600, t / 60 % 60)
                : String.format(Locale.ROOT, "%dm%02ds", t / 60, t % 60);
    }

    @Override
    public void close() {
        if (drawn) {
            err.print("\r" + " ".repeat(100) + "\r");
            err.flush();
        }
    }
}
