package dev.gatehouse.application.shared;

/** The request's content breaks a rule of the model; the message says which, and never echoes a secret. */
public class InvalidInputException extends RuntimeException {
    public InvalidInputException(String message) {
        super(message);
    }
}
