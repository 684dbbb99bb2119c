package io.keras4j.jupyter;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;

/**
 * Runs a notebook cell in JShell: the cell is cut into snippets (statements, declarations,
 * expressions) as JShell's own analysis cuts them, each evaluated in turn; the first that does
 * not compile or throws ends the cell with the lines to show. The value of a last expression
 * written without a semicolon is returned as the object itself, for the kernel's renderers.
 */
final class Cells {
    /** Returned for a cell whose last snippet has no value (a statement, a declaration, a void call). */
    static final Object NO_VALUE = new Object();

    private final JShell shell;

    Cells(JShell shell) {
        this.shell = shell;
    }

    Object run(String cell) {
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        String remaining = cell;
        Object last = NO_VALUE;
        while (!remaining.isBlank()) {
            // the snippet starts where the remaining text starts: the cell's lines before it
            int linesBefore = cell.endsWith(remaining) ? lines(cell, cell.length() - remaining.length()) : 0;
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            if (info.completeness() == Completeness.DEFINITELY_INCOMPLETE
                    || info.completeness() == Completeness.CONSIDERED_INCOMPLETE) {
                throw new CellException("incomplete input", List.of("Incomplete input:", remaining.strip()));
            }
            String source = info.completeness() == Completeness.EMPTY ? remaining : info.source();
            remaining = info.completeness() == Completeness.EMPTY ? "" : info.remaining();
            if (source == null || source.isBlank()) continue;
            // JShell counts a snippet's lines inconsistently when it starts with blank lines or
            // comments; it is given the snippet from its first token, so its lines are ours
            int code = codeStart(source);
            linesBefore += lines(source, code);
            source = source.substring(code);
            if (source.isBlank()) continue;
            last = evalSnippet(source, linesBefore);
            // as in IPython, a trailing semicolon keeps a value from being shown (printf's PrintStream)
            if (source.strip().endsWith(";")) last = NO_VALUE;
        }
        return last;
    }

    /**
     * Evaluates one snippet that starts after {@code linesBefore} lines of its cell; returns its
     * value object when it is an expression with a value.
     */
    private Object evalSnippet(String source, int linesBefore) {
        List<SnippetEvent> events = shell.eval(source);
        Object value = NO_VALUE;
        for (SnippetEvent e : events) {
            if (e.causeSnippet() != null) continue; // an update of an older snippet, not this one's result
            Snippet s = e.snippet();
            if (e.status() == Snippet.Status.REJECTED) throw compileError(s, linesBefore);
            if (e.exception() != null) throw runtimeError(s, e.exception(), linesBefore);
            if (isValue(s) && e.value() != null) value = fetch(s);
        }
        return value;
    }

    private static boolean isValue(Snippet s) {
        return s instanceof ExpressionSnippet
                || (s instanceof VarSnippet && s.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND);
    }

    /** The object behind an expression snippet: handed over through {@link Values}. */
    private Object fetch(Snippet s) {
        String name = s instanceof VarSnippet ? ((VarSnippet) s).name() : ((ExpressionSnippet) s).name();
        Values.take();
        List<SnippetEvent> events = shell.eval(Values.class.getName() + ".put(" + name + ");");
        for (SnippetEvent e : events) {
            if (e.status() == Snippet.Status.REJECTED || e.exception() != null) return NO_VALUE;
        }
        Object v = Values.take();
        // drop the helper snippet so it does not fill the session's history of snippets
        for (SnippetEvent e : events) shell.drop(e.snippet());
        return v;
    }

    private CellException compileError(Snippet s, int linesBefore) {
        List<String> lines = new ArrayList<>();
        String source = s.source();
        for (Diag d : shell.diagnostics(s).collect(Collectors.toList())) {
            int line = lineOf(source, (int) d.getStartPosition());
            lines.add("|  " + (line > 0 ? "line " + (linesBefore + line) + ": " : "") + d.getMessage(null).lines().findFirst().orElse(""));
            if (line > 0) lines.add("|    " + source.lines().skip(line - 1).findFirst().orElse("").strip());
        }
        if (s instanceof jdk.jshell.DeclarationSnippet) {
            List<String> missing = shell.unresolvedDependencies((jdk.jshell.DeclarationSnippet) s).collect(Collectors.toList());
            if (!missing.isEmpty()) lines.add("|  unresolved: " + String.join(", ", missing));
        }
        if (lines.isEmpty()) lines.add("|  rejected: " + source.strip());
        return new CellException("compilation failed", lines);
    }

    /** The number of line breaks in the first {@code end} characters of {@code text}. */
    private static int lines(String text, int end) {
        int n = 0;
        for (int i = 0; i < end; i++) if (text.charAt(i) == '\n') n++;
        return n;
    }

    private static int lineOf(String source, int pos) {
        if (pos < 0 || pos > source.length()) return -1;
        int line = 1;
        for (int i = 0; i < pos; i++) if (source.charAt(i) == '\n') line++;
        return line;
    }

    private static CellException runtimeError(Snippet s, Exception e, int linesBefore) {
        List<String> lines = new ArrayList<>();
        if (e instanceof EvalException) {
            EvalException ee = (EvalException) e;
            lines.add(ee.getExceptionClassName() + (ee.getMessage() == null ? "" : ": " + ee.getMessage()));
            for (StackTraceElement t : ee.getStackTrace()) {
                // JShell's own frames say nothing to the user; keep the snippet's and the library's
                if (t.getClassName().startsWith("jdk.jshell") || t.getClassName().startsWith("jdk.internal")) continue;
                if (t.getClassName().startsWith("java.lang.reflect") || t.getClassName().startsWith("io.keras4j.jupyter")) continue;
                lines.add("    at " + where(t, s, linesBefore));
            }
        } else if (e instanceof UnresolvedReferenceException) {
            lines.add("unresolved reference in: " + s.source().strip());
        } else {
            lines.add(e.toString());
        }
        return new CellException(lines.get(0), lines);
    }

    /**
     * Where a frame is, for the reader of the cell: JShell names a snippet's frames by the file
     * {@code #<snippet id>}, with the line of the statement counted from the snippet's first line.
     * A method's frames (declared in a cell)
     * are named by the method only: JShell's line numbers inside a method body are not reliable.
     */
    private static String where(StackTraceElement t, Snippet failing, int linesBefore) {
        String file = t.getFileName();
        if (file == null || !file.startsWith("#")) return t.toString();
        String method = t.getMethodName();
        if (method != null && !method.isEmpty()) return method + " (declared in a cell)";
        if (!file.equals("#" + failing.id())) return "an earlier cell";
        return "in cell, line " + (linesBefore + t.getLineNumber());
    }

    /** The index of the first character of {@code source} that is neither white space nor in a comment. */
    private static int codeStart(String source) {
        int i = 0, n = source.length();
        while (i < n) {
            if (Character.isWhitespace(source.charAt(i))) {
                i++;
            } else if (source.startsWith("//", i)) {
                int end = source.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else {
                break;
            }
        }
        return i;
    }

    /** Jupyter's is_complete: "complete", "incomplete" (with an indent), or "invalid". */
    String isComplete(String cell) {
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        String remaining = cell;
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            switch (info.completeness()) {
                case DEFINITELY_INCOMPLETE:
                    return "    ";
                case UNKNOWN:
                    return "invalid";
                case EMPTY:
                    return "complete";
                default:
                    remaining = info.remaining();
            }
        }
        return "complete";
    }
}
