package tower.store;

/** A failure of the store itself (database error, locked or too-new store file), as opposed to bad input. */
public class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
