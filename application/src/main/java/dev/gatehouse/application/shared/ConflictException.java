package dev.gatehouse.application.shared;

/** The request is valid but clashes with the current state (the workspace's only owner, an existing member). */
public class ConflictException extends RuntimeException {
    public ConflictException(String message) {
        super(message);
    }
}
