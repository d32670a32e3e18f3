package tower.pipeline.errors;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Objects;
import tower.core.ingest.InputException;
import tower.core.ingest.SafeText;
import tower.store.StoreException;

/**
 * A classified failure: its kind and one line of text for the user. {@link #of(Throwable)} is the only place that
 * decides how an exception is shown, for the CLI (exit code, {@code error: ...} line) and the server (status,
 * {@code {"error": ...}}). Raw Java text (class names, library messages) is never part of the message; the CLI
 * shows it only with {@code --debug}.
 */
public record Failure(ErrorKind kind, String message) {
    public Failure {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(message);
    }

    public static Failure of(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InputException ie) {
                return new Failure(ErrorKind.BAD_INPUT, ie.getMessage());
            }
            if (t instanceof TowerException te) {
                return new Failure(te.kind(), SafeText.warning(te.getMessage()));
            }
        }
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StoreException se) {
                return new Failure(ErrorKind.STORE_UNAVAILABLE, store(se));
            }
            if (t instanceof IOException io && !(t.getCause() instanceof StoreException)) {
                return new Failure(io instanceof FileAlreadyExistsException ? ErrorKind.CONFLICT : ErrorKind.BAD_INPUT,
                        io(io));
            }
        }
        if (ex instanceof OutOfMemoryError) {
            return new Failure(ErrorKind.INTERNAL, "out of memory; give Java more with TOWER_JAVA_OPTS=-Xmx2g");
        }
        // our own code words its IllegalArgument/IllegalState messages for users; a library's are not shown
        StackTraceElement[] st = ex.getStackTrace();
        boolean ours = st.length > 0 && st[0].getClassName().startsWith("tower.") && ex.getMessage() != null
                && (ex instanceof IllegalArgumentException || ex instanceof IllegalStateException);
        return new Failure(ErrorKind.INTERNAL, ours ? SafeText.reason(ex.getMessage())
                : "unexpected internal failure; rerun with --debug to see the details");
    }

    /** A file-system failure in words: which path, and what to do. */
    static String io(IOException e) {
        if (e instanceof FileSystemException fs) {
            String file = fs.getFile() == null ? "file" : fs.getFile();
            String reason = fs.getReason() == null ? "" : fs.getReason().toLowerCase(Locale.ROOT);
            String words;
            if (e instanceof FileAlreadyExistsException) {
                words = fs.getReason() == null ? "already exists" : fs.getReason();
            } else if (reason.contains("name too long")) {
                words = "the file name is too long (file systems allow 255 bytes per name); choose a shorter name";
            } else if (e instanceof NoSuchFileException) {
                words = "no such file or folder; check the path (a folder on the way may be missing)";
            } else if (e instanceof AccessDeniedException || reason.contains("permission")) {
                words = "permission denied; check the permissions of the file and its folder";
            } else if (e instanceof NotDirectoryException || reason.contains("not a directory")) {
                words = "a part of the path is a file, not a folder";
            } else if (reason.contains("no space")) {
                words = "the disk is full; free some space";
            } else if (reason.contains("read-only")) {
                words = "the file system is read-only; write somewhere else";
            } else if (reason.contains("is a directory")) {
                words = "is a folder, not a file";
            } else {
                words = "cannot be read or written (file-system error)";
            }
            return SafeText.line(file, "file", words);
        }
        return SafeText.line("file", "input/output", "a read or write failed (input/output error); rerun with --debug for details");
    }

    /** A store failure: our own sentence, never the database's raw text (kept for --debug). */
    static String store(StoreException e) {
        String m = e.getMessage() == null ? "store error" : e.getMessage();
        if (e instanceof tower.store.StoreBusyException || e instanceof tower.store.StoreMissingException) {
            return SafeText.warning(m);
        }
        Throwable c = e.getCause();
        if (c instanceof SQLException sql && sql.getMessage() != null) {
            String raw = sql.getMessage();
            if (raw.toLowerCase(Locale.ROOT).contains("conflicting lock")) {
                return "the store is in use by another tower process; wait for it to finish, or use another --store";
            }
            int at = m.indexOf(raw);
            if (at >= 0) {
                m = (at > 0 ? m.substring(0, at) : "").replaceAll("[:\\s]+$", "")
                        + " (database error; rerun with --debug for details)";
            }
        }
        return SafeText.warning(m);
    }

}
