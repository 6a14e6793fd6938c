package dev.gatehouse.bootstrap.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An output shown in a page, as a pattern that real output must match. Values that differ on every run match any
 * value of their form: ids with their prefix ({@code o_…}, {@code gtc_…}, …), times, event ids, JWTs, key ids. A
 * {@code …} inside a line matches anything (with the word it ends); a line that is only {@code …} matches any lines.
 * An {@code http} block lists the headers it cares about, so its lines must appear in order among the real ones;
 * any other block must match the whole output.
 */
final class OutputTemplate {

    private static final Pattern VOLATILE = Pattern.compile(String.join("|",
            "(?<elided>[A-Za-z0-9_+/=.-]*…)",
            "(?<jwt>eyJ[A-Za-z0-9_-]*(?:\\.[A-Za-z0-9_-]*){0,2})",
            "(?<id>(?<![A-Za-z0-9])(?:o|u|oc|dc|proj|gtc|gts|gtk)_)[A-Za-z0-9]{6,}",
            "(?<instant>\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?Z)",
            "(?<event>(?<![0-9])\\d{13}-\\d+)",
            "(?<number>(?<![0-9A-Za-z])\\d{10,}(?![0-9]))",
            "(?<opaque>(?<![A-Za-z0-9_-])(?=[A-Za-z0-9_-]*[0-9])(?=[A-Za-z0-9_-]*[A-Za-z])[A-Za-z0-9_-]{16,}(?![A-Za-z0-9_-]))"));

    private final List<Pattern> lines;
    private final List<String> shown;
    private final boolean inOrder;

    private OutputTemplate(List<Pattern> lines, List<String> shown, boolean inOrder) {
        this.lines = lines;
        this.shown = shown;
        this.inOrder = inOrder;
    }

    static OutputTemplate of(String language, String shown) {
        List<Pattern> lines = new ArrayList<>();
        List<String> text = List.of(normalize(shown).split("\n", -1));
        for (String line : text) {
            lines.add(line.strip().equals("…") ? null : Pattern.compile(lineRegex(line)));
        }
        return new OutputTemplate(lines, text, language.equals("http"));
    }

    /** Null when {@code actual} matches, else what is wrong. */
    String mismatch(String actual) {
        List<String> real = List.of(normalize(actual).split("\n", -1));
        if (inOrder) {
            int at = 0;
            for (int i = 0; i < lines.size(); i++) {
                Pattern line = lines.get(i);
                if (line == null) {
                    continue;
                }
                while (at < real.size() && !line.matcher(real.get(at)).matches()) {
                    at++;
                }
                if (at == real.size()) {
                    return "no line, after the ones matched before, matches the page's line\n    " + shown.get(i);
                }
                at++;
            }
            return null;
        }
        return match(0, real, 0) ? null : firstDifference(real);
    }

    private boolean match(int shown, List<String> real, int at) {
        if (shown == lines.size()) {
            return at == real.size();
        }
        Pattern line = lines.get(shown);
        if (line == null) {
            for (int skip = at; skip <= real.size(); skip++) {
                if (match(shown + 1, real, skip)) {
                    return true;
                }
            }
            return false;
        }
        return at < real.size() && line.matcher(real.get(at)).matches() && match(shown + 1, real, at + 1);
    }

    private String firstDifference(List<String> real) {
        int at = 0;
        for (int i = 0; i < lines.size(); i++) {
            Pattern line = lines.get(i);
            if (line == null) {
                return "the output differs after an elided part (line " + (at + 1) + " on)";
            }
            if (at >= real.size()) {
                return "the output ends where the page shows\n    " + shown.get(i);
            }
            if (!line.matcher(real.get(at)).matches()) {
                return "line " + (at + 1) + " of the output is\n    " + real.get(at) + "\nwhere the page shows\n    " + shown.get(i);
            }
            at++;
        }
        return "the output goes on after what the page shows: " + real.get(at);
    }

    static String normalize(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.replace("\r\n", "\n").split("\n", -1)) {
            lines.add(line.stripTrailing());
        }
        while (!lines.isEmpty() && lines.get(0).isEmpty()) {
            lines.remove(0);
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return String.join("\n", lines);
    }

    private static String lineRegex(String line) {
        StringBuilder regex = new StringBuilder();
        Matcher matcher = VOLATILE.matcher(line);
        int at = 0;
        while (matcher.find()) {
            regex.append(Pattern.quote(line.substring(at, matcher.start())));
            if (matcher.group("elided") != null) {
                regex.append(".*?");
            } else if (matcher.group("jwt") != null) {
                regex.append("eyJ[A-Za-z0-9_.-]*");
            } else if (matcher.group("id") != null) {
                regex.append(Pattern.quote(matcher.group("id"))).append("[A-Za-z0-9]+");
            } else if (matcher.group("instant") != null) {
                regex.append("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?Z");
            } else if (matcher.group("event") != null) {
                regex.append("\\d{13}-\\d+");
            } else if (matcher.group("number") != null) {
                regex.append("\\d{10,}");
            } else {
                regex.append("[A-Za-z0-9_-]+");
            }
            at = matcher.end();
        }
        regex.append(Pattern.quote(line.substring(at)));
        return regex.toString();
    }
}
