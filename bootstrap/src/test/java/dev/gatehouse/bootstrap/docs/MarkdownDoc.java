package dev.gatehouse.bootstrap.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fenced blocks of one Markdown page, with the {@code <!-- docs-test: KIND, reason -->} marker written on the
 * line right before a block, and the rules that every page must follow (see {@link MarkdownDocsTest}).
 */
final class MarkdownDoc {

    /** Languages whose blocks are commands: each one is either run ({@code sh}) or marked with a reason. */
    static final Set<String> COMMAND_LANGUAGES = Set.of("sh", "bash", "shell", "console", "zsh", "sql", "psql",
            "powershell", "ps1", "bat", "cmd", "fish");

    private static final Pattern FENCE_OPEN = Pattern.compile("^(\\s*)(`{3,}|~{3,})\\s*([^\\s`]*)\\s*$");
    private static final Pattern MARKER = Pattern.compile("^\\s*<!--\\s*docs-test:\\s*([a-z-]+)\\s*(.*?)\\s*-->\\s*$");
    private static final Pattern STRAY_MARKER = Pattern.compile("docs-test:");

    /** What a marker asks of the block after it. */
    enum Kind {
        /** Not run; the reason says why. */
        SKIP,
        /** A long-running {@code serve} that the test starts itself, in-process, from the block's flags. */
        SERVER,
        /** A {@code serve} that is run until it prints its listening line, then stopped. */
        STARTS,
        /** A shown output (or illustration) that is not compared with anything; the reason says why. */
        UNCHECKED,
        /** A Java excerpt of the named source file: its lines must appear there, in order. */
        EXCERPT;

        static Kind parse(String word) {
            for (Kind kind : values()) {
                if (kind.name().toLowerCase(Locale.ROOT).equals(word)) {
                    return kind;
                }
            }
            return null;
        }
    }

    /** A marker: its kind, and the reason (or, for an excerpt, the file) written after the comma. */
    record Marker(Kind kind, String reason) {}

    /**
     * A fenced block. {@code line} is the line of its opening fence (from 1); {@code adjacent} says that only blank
     * lines separate it from the block before it, which makes it that block's shown output.
     */
    record Block(int line, String language, String text, Marker marker, boolean adjacent) {

        boolean isCommand() {
            return COMMAND_LANGUAGES.contains(language);
        }

        boolean runs() {
            return language.equals("sh") && marker == null;
        }

        String where(String page) {
            return page + ":" + line + " (```" + language + ")";
        }
    }

    final String name;
    final List<Block> blocks;
    final List<String> problems;

    private MarkdownDoc(String name, List<Block> blocks, List<String> problems) {
        this.name = name;
        this.blocks = List.copyOf(blocks);
        this.problems = List.copyOf(problems);
    }

    /** Parses {@code markdown}; {@link #problems} lists every rule the page breaks. */
    static MarkdownDoc parse(String name, String markdown) {
        List<Block> blocks = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String[] lines = markdown.replace("\r\n", "\n").split("\n", -1);
        Marker pending = null;
        int pendingLine = 0;
        boolean onlyBlankSinceBlock = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            Matcher open = FENCE_OPEN.matcher(line);
            if (open.matches()) {
                int indent = open.group(1).length();
                String fence = open.group(2);
                String language = open.group(3).toLowerCase(Locale.ROOT);
                StringBuilder text = new StringBuilder();
                int start = i + 1;
                int j = i + 1;
                while (j < lines.length && !lines[j].strip().startsWith(fence)) {
                    text.append(j > i + 1 ? "\n" : "").append(dedent(lines[j], indent));
                    j++;
                }
                if (j == lines.length) {
                    problems.add(name + ":" + start + ": a fenced block is never closed");
                }
                if (language.isEmpty()) {
                    problems.add(name + ":" + start + ": a fenced block names no language (use ```sh for commands,"
                            + " ```text for anything else)");
                }
                Block block = new Block(start, language, text.toString(), pending, onlyBlankSinceBlock && pending == null);
                blocks.add(block);
                check(name, block, problems);
                pending = null;
                onlyBlankSinceBlock = true;
                i = j;
                continue;
            }
            if (pending != null) {
                problems.add(name + ":" + pendingLine + ": a docs-test marker must be on the line right before a fenced block");
                pending = null;
            }
            Matcher marker = MARKER.matcher(line);
            if (marker.matches()) {
                Kind kind = Kind.parse(marker.group(1));
                String reason = marker.group(2).replaceFirst("^,\\s*", "").strip();
                if (kind == null) {
                    problems.add(name + ":" + (i + 1) + ": unknown docs-test marker '" + marker.group(1) + "'");
                } else if (reason.isEmpty()) {
                    problems.add(name + ":" + (i + 1) + ": the docs-test marker '" + marker.group(1)
                            + "' needs a reason after a comma");
                } else {
                    pending = new Marker(kind, reason);
                    pendingLine = i + 1;
                }
                onlyBlankSinceBlock = false;
            } else if (STRAY_MARKER.matcher(line).find() && line.strip().startsWith("<!--")) {
                problems.add(name + ":" + (i + 1) + ": a docs-test marker must be one line: <!-- docs-test: KIND, reason -->");
                onlyBlankSinceBlock = false;
            } else if (!line.isBlank()) {
                onlyBlankSinceBlock = false;
            }
        }
        if (pending != null) {
            problems.add(name + ":" + pendingLine + ": a docs-test marker must be on the line right before a fenced block");
        }
        long servers = blocks.stream().filter(b -> b.marker() != null && b.marker().kind() == Kind.SERVER).count();
        if (servers > 1) {
            problems.add(name + ": more than one block is marked docs-test: server");
        }
        return new MarkdownDoc(name, blocks, problems);
    }

    /** A line of a block inside a list item, without the indentation of the block's fence. */
    private static String dedent(String line, int indent) {
        int cut = 0;
        while (cut < indent && cut < line.length() && line.charAt(cut) == ' ') {
            cut++;
        }
        return line.substring(cut);
    }

    private static void check(String name, Block block, List<String> problems) {
        String where = block.where(name);
        Marker marker = block.marker();
        if (block.isCommand() && marker == null && !block.language().equals("sh")) {
            problems.add(where + ": a command block the test does not run: write it as ```sh so that it runs, or mark it"
                    + " <!-- docs-test: skip, reason -->");
        }
        if (marker == null) {
            return;
        }
        switch (marker.kind()) {
            case SKIP -> { }
            case SERVER, STARTS -> {
                if (!block.language().equals("sh") || !block.text().contains(" serve")) {
                    problems.add(where + ": docs-test: " + marker.kind().name().toLowerCase(Locale.ROOT)
                            + " marks a ```sh block that runs gatehouse serve");
                }
            }
            case UNCHECKED -> {
                if (block.isCommand()) {
                    problems.add(where + ": docs-test: unchecked is for shown output; a command is run or skipped");
                }
            }
            case EXCERPT -> {
                if (!block.language().equals("java")) {
                    problems.add(where + ": docs-test: excerpt marks a ```java block");
                }
            }
        }
    }

    /** The block right after {@code block} when it is that block's shown output, else null. */
    Block outputOf(Block block) {
        int i = blocks.indexOf(block);
        if (i < 0 || i + 1 >= blocks.size()) {
            return null;
        }
        Block next = blocks.get(i + 1);
        return next.adjacent() && !next.isCommand() && !next.language().equals("java") ? next : null;
    }
}
