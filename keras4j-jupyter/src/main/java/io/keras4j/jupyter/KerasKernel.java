package io.keras4j.jupyter;

import java.util.List;
import java.util.stream.Collectors;
import jdk.jshell.JShell;
import jdk.jshell.SourceCodeAnalysis;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.BaseKernelBuilder;
import org.dflib.jjava.jupyter.kernel.BaseNotebookStatics;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.magic.MagicParser;

/**
 * A Jupyter kernel for Java with keras4j: each cell runs in JShell (in this JVM, so the last
 * expression's object is rendered by {@link Displays}: a figure inline as matplotlib's, an array
 * as numpy's), {@code System.out} is streamed to the cell as it is written (the Keras progress bar
 * redraws in place), errors show the failing line. As IPython's {@code display(obj)}, a cell's
 * {@code display(fig)} shows an object in the middle of the cell (a {@code display_data} message;
 * the kernel must have been started with {@link #onStartup()}, as {@link KernelMain} does). The
 * protocol, channels and display machinery are jjava's ({@code org.dflib.jjava:jjava-jupyter});
 * this class adds the Java evaluation.
 */
public final class KerasKernel extends BaseKernel {
    private final JShell shell;
    private final Cells cells;

    private KerasKernel(String name, String version, HistoryManager history, JupyterIO io, CommManager comm,
                        Renderer renderer, MagicParser magics, MagicsRegistry registry, StringStyler errors, JShell shell) {
        super(name, version, new LanguageInfo("java", Runtime.version().toString(), "text/x-java", ".jshell", "java", "java", null),
                List.of(), history, io, comm, renderer, magics, registry, false, errors);
        this.shell = shell;
        this.cells = new Cells(shell);
        Displays.register(getRenderer());
    }

    /** A kernel whose JShell sees this JVM's class path (keras4j and its dependencies). */
    public static KerasKernel create() {
        // the Keras progress bar redraws in place in a notebook, as Keras's does under ipykernel
        System.setProperty("keras4j.dynamicDisplay", "true");
        JShell shell = JShell.builder().executionEngine("local").build();
        shell.addToClasspath(System.getProperty("java.class.path"));
        // IPython's display(obj): shows an object (a figure, an array) in the middle of a cell as
        // display_data, through the renderers; needs onStartup (the kernel the statics talk to)
        shell.eval("import static " + BaseNotebookStatics.class.getName() + ".display;");
        return new Builder().name("keras4j").version("0.1.0").build(shell);
    }

    @Override
    public Object evalRaw(String source) {
        Object v = cells.run(source);
        return v == Cells.NO_VALUE ? null : v;
    }

    @Override
    public DisplayData eval(String source) {
        Object v = cells.run(source);
        if (v == Cells.NO_VALUE) return null;
        return getRenderer().render(v);
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        List<SourceCodeAnalysis.Documentation> docs = shell.sourceCodeAnalysis().documentation(code, at, true);
        if (docs == null || docs.isEmpty()) return null;
        return new DisplayData(docs.stream()
                .map(d -> d.signature() + (d.javadoc() == null ? "" : "\n" + d.javadoc()))
                .collect(Collectors.joining("\n\n")));
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        int[] anchor = new int[1];
        List<SourceCodeAnalysis.Suggestion> s = shell.sourceCodeAnalysis().completionSuggestions(code, at, anchor);
        if (s == null || s.isEmpty()) return null;
        List<String> options = s.stream().map(SourceCodeAnalysis.Suggestion::continuation).distinct().collect(Collectors.toList());
        return new ReplacementOptions(options, anchor[0], at);
    }

    @Override
    public String isComplete(String code) {
        return cells.isComplete(code);
    }

    @Override
    public List<String> formatError(Throwable e) {
        if (e instanceof CellException) return ((CellException) e).lines();
        return super.formatError(e);
    }

    @Override
    public void interrupt() {
        shell.stop();
    }

    @Override
    public void onShutdown(boolean restarting) {
        shell.close();
        super.onShutdown(restarting);
    }

    /** jjava's builder, for its defaults of the I/O, history, comm and renderer parts. */
    static final class Builder extends BaseKernelBuilder<Builder, KerasKernel> {
        @Override
        public KerasKernel build() {
            throw new UnsupportedOperationException("use build(JShell)");
        }

        KerasKernel build(JShell shell) {
            return new KerasKernel(buildName(), buildVersion(), buildHistoryManager(), buildJupyterIO(buildJupyterIOEncoding()),
                    buildCommManager(), buildRenderer(), new MagicParser("(?<=(?:^|=))\\s*%", "%%", buildMagicTranspiler()),
                    buildMagicsRegistry(), buildErrorStyler(), shell);
        }
    }
}
