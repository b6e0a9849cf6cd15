package vn.bluezone.portal.events;

/** The event store could not take or give data (disk, lock or database failure). */
public final class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
