package dev.gatehouse.application.shared;

/** The database cannot be reached just now; the request may succeed if repeated later. */
public class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
