package tower.store;

/** Another process holds the store and did not release it within the lock wait. */
public final class StoreBusyException extends StoreException {
    public StoreBusyException(String message, Throwable cause) {
        super(message, cause);
    }
}
