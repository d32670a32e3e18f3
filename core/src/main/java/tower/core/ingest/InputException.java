package tower.core.ingest;

/**
 * Bad input: a file that cannot be read, is not of a supported layout, or holds invalid values.
 * Its message is the one line users see: {@code FILE: WHERE: REASON}. The three parts are made safe to print
 * here ({@link SafeText}: control characters escaped, echoed fields cut, Java class names dropped), so a reader
 * may pass text from the file or a library; the cause keeps the raw details for {@code --debug}.
 */
public final class InputException extends RuntimeException {
    private final String file;
    private final String where;
    private final String reason;

    public InputException(String file, String where, String reason) {
        this(file, where, reason, null);
    }

    public InputException(String file, String where, String reason, Throwable cause) {
        super(SafeText.line(file, where, reason), cause);
        this.file = SafeText.file(file);
        this.where = SafeText.where(where);
        this.reason = SafeText.reason(reason);
    }

    public static InputException atLine(String file, long line, String reason) {
        return new InputException(file, "line " + line, reason);
    }

    public static InputException atOffset(String file, long offset, String reason) {
        return new InputException(file, "offset " + offset, reason);
    }

    public String file() {
        return file;
    }

    public String where() {
        return where;
    }

    public String reason() {
        return reason;
    }
}
