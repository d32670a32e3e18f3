package tower.store;

/** A read-only open found no store in the directory (only a writing command creates one). */
public final class StoreMissingException extends StoreException {
    public StoreMissingException(String message) {
        super(message);
    }
}
