package dev.gatehouse.bootstrap.docs;

import static org.assertj.core.api.Assertions.fail;

import dev.gatehouse.bootstrap.docs.MarkdownDoc.Block;
import dev.gatehouse.bootstrap.docs.MarkdownDoc.Kind;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * The {@code java} blocks of a page: each compiles against the project's classes, or, when marked
 * {@code docs-test: excerpt, path}, is made of lines of that source file, in order. A block with a top-level type is
 * compiled as it is; a block of statements is wrapped in a method of a class that imports the client library,
 * {@code java.net}, {@code java.net.http}, {@code java.time} and {@code java.util}.
 */
final class JavaSnippets {

    private static final Pattern TYPE = Pattern.compile("(?m)^(?:public\\s+|final\\s+|abstract\\s+)*(?:class|record|interface|enum)\\s+(\\w+)");
    private static final Pattern IMPORT = Pattern.compile("(?m)^import\\s+[\\w.*]+\\s*;\\s*$");
    private static final String IMPORTS = "import dev.gatehouse.client.*; import java.net.*; import java.net.http.*; "
            + "import java.time.*; import java.util.*;\n";

    private final Path root;
    private final MarkdownDoc doc;
    private final Path dir;

    JavaSnippets(Path root, MarkdownDoc doc, Path dir) {
        this.root = root;
        this.doc = doc;
        this.dir = dir;
    }

    void check() throws IOException {
        List<JavaFileObject> sources = new ArrayList<>();
        List<Block> compiled = new ArrayList<>();
        for (Block block : doc.blocks) {
            if (!block.language().equals("java")) {
                continue;
            }
            if (block.marker() != null && block.marker().kind() == Kind.EXCERPT) {
                checkExcerpt(block);
            } else if (block.marker() == null) {
                sources.add(source(block, compiled.size()));
                compiled.add(block);
            }
        }
        if (sources.isEmpty()) {
            return;
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            fail("the tests run on a JRE without a Java compiler; the java blocks of " + doc.name + " cannot be checked");
        }
        Files.createDirectories(dir);
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        boolean ok = compiler.getTask(null, null, diagnostics,
                List.of("-classpath", classPath, "-d", dir.toString(), "-proc:none", "-Xlint:none", "-implicit:none"),
                null, sources).call();
        if (!ok) {
            StringBuilder report = new StringBuilder(doc.name + ": a java block does not compile:");
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() == Diagnostic.Kind.ERROR) {
                    Block block = compiled.get(((Source) d.getSource()).index);
                    report.append("\n  ").append(block.where(doc.name)).append(", line ").append(d.getLineNumber())
                            .append(" of the compiled file: ").append(d.getMessage(Locale.ROOT))
                            .append("\n    ").append(((Source) d.getSource()).code.lines().skip(Math.max(0, d.getLineNumber() - 1))
                                    .findFirst().orElse(""));
                }
            }
            fail(report.toString());
        }
    }

    private void checkExcerpt(Block block) throws IOException {
        Path file = root.resolve(block.marker().reason());
        if (!Files.isRegularFile(file)) {
            fail(block.where(doc.name) + ": the excerpt names " + block.marker().reason() + ", which does not exist");
        }
        List<String> source = Files.readAllLines(file).stream().map(String::strip).toList();
        int at = 0;
        for (String line : block.text().lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
            int found = source.subList(at, source.size()).indexOf(line);
            if (found < 0) {
                fail(block.where(doc.name) + ": this line of the excerpt is not (or not in this order) in "
                        + block.marker().reason() + ":\n    " + line);
            }
            at += found + 1;
        }
    }

    private Source source(Block block, int index) {
        Matcher type = TYPE.matcher(block.text());
        if (type.find()) {
            return new Source(type.group(1), block.text(), index);
        }
        String name = "DocSnippet" + index;
        StringBuilder imports = new StringBuilder();
        Matcher imported = IMPORT.matcher(block.text());
        while (imported.find()) {
            imports.append(imported.group()).append('\n');
        }
        String body = IMPORT.matcher(block.text()).replaceAll("");
        String code = imports + IMPORTS + "class " + name + " {\n    void snippet() throws Exception {\n" + body + "\n    }\n}\n";
        return new Source(name, code, index);
    }

    /** A source file in memory, with the index of the block it comes from. */
    private static final class Source extends SimpleJavaFileObject {
        final String code;
        final int index;

        Source(String className, String code, int index) {
            super(URI.create("string:///" + className + Kind.SOURCE.extension), Kind.SOURCE);
            this.code = code;
            this.index = index;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return code;
        }
    }
}
