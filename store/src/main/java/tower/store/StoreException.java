package tower.store;

/** A failure of the store itself (database error, locked or too-new store file), as opposed to bad input. */
public class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * A few words for why a database call failed, never DuckDB's own text (which names internals and temporary
     * paths): the causes a user can act on, else a pointer to {@code --debug}.
     */
    static String reason(Throwable e) {
        String m = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        if (m.contains("no space left")) {
            return "no space left on the device";
        }
        if (m.contains("permission denied")) {
            return "permission denied";
        }
        if (m.contains("out of memory")) {
            return "out of memory (raise TOWER_DUCKDB_MEMORY)";
        }
        if (m.contains("file name too long")) {
            return "a file name is too long";
        }
        return "a database error (run with --debug for details)";
    }
}
