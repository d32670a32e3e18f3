package tower.pipeline.errors;

import java.io.FileNotFoundException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.Objects;
import tower.core.ingest.InputException;
import tower.store.StoreException;

/**
 * A classified failure: its kind and one line of text for the user. {@link #of(Throwable)} is the only place that
 * decides how an exception is shown, for the CLI (exit code, {@code error: ...} line) and the server (status,
 * {@code {"error": ...}}).
 */
public record Failure(ErrorKind kind, String message) {
    public Failure {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(message);
    }

    public static Failure of(Throwable t) {
        Throwable c = t;
        for (int depth = 0; c != null && depth < 10; depth++, c = c.getCause()) {
            if (c instanceof InputException ie) {
                return new Failure(ErrorKind.BAD_INPUT, oneLine(ie.getMessage()));
            }
            if (c instanceof TowerException te) {
                return new Failure(te.kind(), oneLine(te.getMessage()));
            }
            if (c instanceof StoreException se) {
                return new Failure(ErrorKind.STORE_UNAVAILABLE, oneLine(se.getMessage()));
            }
            if (c instanceof NoSuchFileException e) {
                return new Failure(ErrorKind.BAD_INPUT, oneLine(e.getFile() + ": no such file"));
            }
            if (c instanceof FileNotFoundException e) {
                return new Failure(ErrorKind.BAD_INPUT, oneLine(String.valueOf(e.getMessage())));
            }
            if (c instanceof AccessDeniedException e) {
                return new Failure(ErrorKind.BAD_INPUT, oneLine(e.getFile() + ": permission denied"));
            }
            if (c instanceof FileAlreadyExistsException e) {
                return new Failure(ErrorKind.CONFLICT, oneLine(e.getFile() + ": "
                        + (e.getReason() == null ? "already exists" : e.getReason())));
            }
        }
        return new Failure(ErrorKind.INTERNAL, "internal error (run with --debug for details)");
    }

    /** Control characters escaped, one line, cut to a length a terminal or a log can show. */
    static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(Math.min(s.length(), 400));
        for (int i = 0; i < s.length() && b.length() < 400; i++) {
            char ch = s.charAt(i);
            if (ch == '\n' || ch == '\r') {
                b.append(' ');
            } else if (ch < 0x20 || ch == 0x7f) {
                b.append(String.format("\\x%02x", (int) ch));
            } else {
                b.append(ch);
            }
        }
        if (b.length() >= 400) {
            b.append('…');
        }
        return b.toString();
    }
}
