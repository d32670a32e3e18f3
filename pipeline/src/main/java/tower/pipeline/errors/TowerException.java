package tower.pipeline.errors;

import java.util.Objects;

/** A failure of a known kind with a message meant for the user (no Java class names, no stack trace). */
public class TowerException extends RuntimeException {
    private final ErrorKind kind;

    public TowerException(ErrorKind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind);
    }

    public TowerException(ErrorKind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind);
    }

    public ErrorKind kind() {
        return kind;
    }

    public static TowerException unknownTest(String testId, String where) {
        return new TowerException(ErrorKind.UNKNOWN_TEST, "no such test " + testId + " in " + where);
    }

    public static TowerException badParameter(String message) {
        return new TowerException(ErrorKind.BAD_PARAMETER, message);
    }

    public static TowerException conflict(String message) {
        return new TowerException(ErrorKind.CONFLICT, message);
    }
}
