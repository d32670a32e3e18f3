package tower.pipeline.export;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Hidden work files ({@code .tower-PID-N.part}) beside an output while it is written, renamed over the output at
 * the end. Removed on SIGTERM/SIGINT by a shutdown hook; a process killed harder leaves them behind, and the next
 * write to the same folder removes those whose process is gone.
 */
public final class PartFiles {
    private static final Pattern NAME = Pattern.compile("\\.tower-(\\d+)-[0-9a-f]+\\.part");
    private static final Pattern OLD_NAME = Pattern.compile("\\.tower-.*\\.part");
    private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();
    private static volatile boolean hooked;

    private PartFiles() {
    }

    /**
     * A fresh, not yet existing part path in {@code dir} (created as needed), registered for removal at exit;
     * stale part files of dead processes in {@code dir} are swept first.
     */
    public static Path create(Path dir) throws IOException {
        requireFolder(dir);
        sweep(dir);
        hook();
        Path p = dir.resolve(".tower-" + ProcessHandle.current().pid() + "-" + Long.toHexString(System.nanoTime())
                + ".part");
        LIVE.add(p);
        return p;
    }

    /** Refuses an output folder that is missing or not writable, in words. */
    public static void requireFolder(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new tower.pipeline.errors.TowerException(tower.pipeline.errors.ErrorKind.BAD_INPUT,
                    dir + ": no such folder for the output (create it first)");
        }
        if (!Files.isWritable(dir)) {
            throw new tower.pipeline.errors.TowerException(tower.pipeline.errors.ErrorKind.BAD_INPUT,
                    dir + ": the output folder is not writable (permission denied)");
        }
    }

    /** Deletes a part path (file or folder) and forgets it. */
    public static void release(Path part) {
        try {
            deleteTree(part);
        } catch (IOException ignored) {
            // left for the next sweep
        }
        LIVE.remove(part);
    }

    /** Removes part files in {@code dir} left by processes that no longer run (or, unnamed, older than a day). */
    public static int sweep(Path dir) {
        int n = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, ".tower-*.part")) {
            for (Path p : ds) {
                if (stale(p)) {
                    deleteTree(p);
                    n++;
                }
            }
        } catch (IOException ignored) {
            // sweeping is best effort
        }
        return n;
    }

    private static boolean stale(Path p) throws IOException {
        String name = p.getFileName().toString();
        Matcher m = NAME.matcher(name);
        if (m.matches()) {
            long pid = Long.parseLong(m.group(1));
            return pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
        }
        if (OLD_NAME.matcher(name).matches()) {
            FileTime t = Files.getLastModifiedTime(p);
            return t.toInstant().isBefore(Instant.now().minus(Duration.ofDays(1)));
        }
        return false;
    }

    private static void hook() {
        if (hooked) {
            return;
        }
        synchronized (PartFiles.class) {
            if (!hooked) {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    for (Path p : LIVE) {
                        try {
                            deleteTree(p);
                        } catch (IOException ignored) {
                            // exiting anyway
                        }
                    }
                }, "tower-part-cleanup"));
                hooked = true;
            }
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(p);
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }
}
