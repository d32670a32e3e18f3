package tower.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who holds a store for writing: the process that opens it read-write records its pid, what it is (e.g.
 * {@code ingest}, {@code tower serve}) and since when in {@value #FILE_NAME}, so that a process refused by
 * DuckDB's file lock can say who is in the way instead of showing DuckDB's text.
 *
 * @param pid     process id
 * @param command what the process is doing
 * @param since   when it opened the store
 */
record Holder(long pid, String command, Instant since) {
    static final String FILE_NAME = "tower.holder";
    private static final Pattern DUCKDB_PID = Pattern.compile("\\(PID (\\d+)\\)");

    static Holder current(String command) {
        return new Holder(ProcessHandle.current().pid(), command, Instant.now());
    }

    void write(Path dir) throws IOException {
        Path tmp = dir.resolve(FILE_NAME + ".tmp-" + pid);
        String text = "pid=" + pid + "\ncommand=" + command.replace('\n', ' ') + "\nsince=" + since + "\n";
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Removes the file if it is still this process's. */
    void remove(Path dir) {
        if (read(dir).filter(h -> h.pid == pid).isPresent()) {
            try {
                Files.deleteIfExists(dir.resolve(FILE_NAME));
            } catch (IOException ignored) {
                // a stale file names a dead pid and is ignored by readers
            }
        }
    }

    /** The recorded holder, if the file is there and its process is alive. */
    static Optional<Holder> read(Path dir) {
        Path f = dir.resolve(FILE_NAME);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            Properties p = new Properties();
            p.load(new java.io.StringReader(Files.readString(f, StandardCharsets.UTF_8)));
            long pid = Long.parseLong(p.getProperty("pid", "").strip());
            Holder h = new Holder(pid, p.getProperty("command", "tower").strip(),
                    Instant.parse(p.getProperty("since", "").strip()));
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) ? Optional.of(h) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** True when DuckDB refused to open a file because another process (or instance) holds its lock. */
    static boolean isLockConflict(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            String m = c.getMessage();
            if (m != null && (m.contains("Could not set lock on file") || m.contains("Conflicting lock is held"))) {
                return true;
            }
        }
        return false;
    }

    /** The pid in DuckDB's lock message, when it names one. */
    static OptionalLong pidIn(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            String m = c.getMessage();
            if (m != null) {
                Matcher x = DUCKDB_PID.matcher(m);
                if (x.find()) {
                    return OptionalLong.of(Long.parseLong(x.group(1)));
                }
            }
        }
        return OptionalLong.empty();
    }

    /** The one line a refused process prints, e.g. {@code store is busy: ingest by PID 812 since 14:03}. */
    static String busyMessage(Path dir, Throwable lockError, boolean wantedWrite) {
        Optional<Holder> h = read(dir);
        OptionalLong duck = pidIn(lockError);
        if (h.isPresent() && (duck.isEmpty() || duck.getAsLong() == h.get().pid)) {
            Holder x = h.get();
            String at = LocalTime.ofInstant(x.since, ZoneId.systemDefault()).format(DateTimeFormatter.ofPattern("HH:mm"));
            if (x.command.startsWith("tower ")) {
                return "store is busy: held by " + x.command + " (PID " + x.pid + ") since " + at
                        + "; stop it or try again later";
            }
            return "store is busy: " + x.command + " by PID " + x.pid + " since " + at + "; try again later"
                    + " (or wait longer with --wait SECONDS)";
        }
        String who = duck.isPresent() ? "PID " + duck.getAsLong() : "another process";
        return "store is busy: " + (wantedWrite ? "being read by " : "in use by ") + who
                + "; try again later (or wait longer with --wait SECONDS)";
    }
}
