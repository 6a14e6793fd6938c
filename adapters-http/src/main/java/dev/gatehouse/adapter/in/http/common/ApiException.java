package dev.gatehouse.adapter.in.http.common;

import java.util.Map;

/**
 * An error answer of the API, rendered as Pipedream's {@code {"error":"…"}} body with {@code status} and
 * any extra headers (such as {@code WWW-Authenticate}). Carries no stack trace.
 */
public final class ApiException extends RuntimeException {

    private final int status;
    private final Map<String, String> headers;

    public ApiException(int status, String message, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.headers = Map.copyOf(headers);
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, message, Map.of());
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, message, Map.of());
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, message, Map.of());
    }

    public int status() {
        return status;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
