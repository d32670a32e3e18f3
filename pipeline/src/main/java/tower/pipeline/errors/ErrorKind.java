package tower.pipeline.errors;

/** The closed set of failures a user can meet, each mapped once to a CLI exit code and an HTTP status. */
public enum ErrorKind {
    /** A parameter or option has a wrong value: usage error. */
    BAD_PARAMETER(2, 400),
    /** A file the readers refuse (unreadable, unsupported or invalid). */
    BAD_INPUT(3, 422),
    /** No credentials, or wrong, expired or revoked ones. */
    UNAUTHENTICATED(2, 401),
    /** The caller is known but its role may not do this. */
    FORBIDDEN(2, 403),
    /** An upload larger than the configured limit. */
    TOO_LARGE(3, 413),
    /** A request body of a kind the endpoint does not take (e.g. an upload that is not multipart). */
    UNSUPPORTED_MEDIA_TYPE(2, 415),
    /** No such test (or one the caller may not see: the same answer, by design). */
    UNKNOWN_TEST(3, 404),
    /** The request conflicts with the state (e.g. a test id taken, an illegal transition). */
    CONFLICT(3, 409),
    /** Too many failed attempts (logins): wait and try again. */
    TOO_MANY_REQUESTS(3, 429),
    /** The store is held by another process or missing or damaged: a condition of the environment, said in words. */
    STORE_UNAVAILABLE(3, 503),
    /** Anything else: a bug or an I/O failure of the machine. */
    INTERNAL(1, 500);

    private final int exitCode;
    private final int httpStatus;

    ErrorKind(int exitCode, int httpStatus) {
        this.exitCode = exitCode;
        this.httpStatus = httpStatus;
    }

    public int exitCode() {
        return exitCode;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
