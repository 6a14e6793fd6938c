package dev.gatehouse.bootstrap.logging;

import java.util.Locale;

/** How log lines are written to stderr: {@code key=value} text (the default) or one JSON object per line. */
public enum LogFormat {
    TEXT, JSON;

    public static final String ENVIRONMENT_VARIABLE = "GATEHOUSE_LOG_FORMAT";

    /** {@code text} or {@code json}, in any case. */
    public static LogFormat parse(String name) {
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "text" -> TEXT;
            case "json" -> JSON;
            default -> throw new IllegalArgumentException("the log format is text or json, not " + name);
        };
    }

    /** The format named by {@code GATEHOUSE_LOG_FORMAT}, or text when it is unset or unknown. */
    static LogFormat fromEnvironment() {
        String value = System.getenv(ENVIRONMENT_VARIABLE);
        try {
            return value == null || value.isBlank() ? TEXT : parse(value);
        } catch (IllegalArgumentException e) {
            return TEXT;
        }
    }
}
