package io.keras4j.models;

import io.keras4j.KerasTensor;
import io.keras4j.NDArray;
import io.keras4j.callbacks.History;
import io.keras4j.engine.Graph;
import io.keras4j.engine.Tensor;
import io.keras4j.engine.Variable;
import io.keras4j.layers.Layer;
import io.keras4j.losses.Loss;
import io.keras4j.losses.Losses;
import io.keras4j.metrics.Metric;
import io.keras4j.metrics.Metrics;
import io.keras4j.optimizers.Optimizer;
import io.keras4j.optimizers.Optimizers;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A functional model, Keras's {@code keras.Model(inputs, outputs)}: any directed acyclic graph of
 * layers between symbolic inputs ({@code Keras.input}) and outputs, made by {@link Model#of}.
 * <pre>{@code
 * KerasTensor a = Keras.input(4), b = Keras.input(4);
 * Dense shared = new Dense(8, "relu");
 * KerasTensor h = new Concatenate().apply(shared.apply(a), shared.apply(b));
 * Functional model = Model.of(List.of(a, b), List.of(new Dense(1).apply(h)));
 * model.compile(new Adam(), List.of("mse"));
 * model.fit(List.of(xa, xb), List.of(y), new FitOptions().epochs(10));
 * }</pre>
 * A layer applied several times has one set of weights; its gradients from every call are summed
 * (the plan adds into a gradient read by several ops). A functional model is itself applied to
 * symbolic tensors with {@link #apply} (a nested model, one output), its weights then trained with
 * the outer model's.
 *
 * <p>This is the one model that trains: {@link Sequential} builds one of these once its input
 * shape is known and runs it, as Keras 3's Sequential runs its {@code _functional}. The model's
 * call is recorded as ops into a {@link Graph} by {@link Executable}, planned once by
 * {@code Plan}, its weights in one {@link Weights} arena, inference plans pooled per caller by
 * {@link ExecutablePool} (so {@code predict} and {@code evaluate} are thread-safe as {@link Model}
 * describes). The loops of {@code fit}, {@code evaluate} and {@code predict} are {@link Trainer}'s.
 */
public class Functional extends Model {
    private static final System.Logger LOG = System.getLogger("io.keras4j");

    private String name;
    private final List<KerasTensor> inputs, outputs;
    /** Every tensor between the inputs and the outputs (inputs excluded), each after its inputs. */
    private final List<KerasTensor> nodes;
    /** The layers and nested models the nodes call, each once, in the order of first call. */
    private final List<Object> callees;
    private final Weights weights = new Weights();
    private Optimizer optimizer;
    private List<Loss> losses;
    private double[] lossWeights;
    private List<String> metricNames = List.of();
    private List<Metric> metricObjects = List.of();
    private boolean stopTraining;
    private Executable trainExec;
    private volatile ExecutablePool inference = new ExecutablePool(this::newInferenceExecutable);
    /** Set by {@link #ready}, cleared when the arena is dropped: lets inference skip the lock. */
    private volatile boolean bound;

    /**
     * Finds the graph from {@code inputs} to {@code outputs}. Throws when an input is not a
     * {@code Keras.input} tensor or appears twice, or when an output needs an input that is not
     * among {@code inputs} (a tensor of another graph) or cannot be reached from them.
     */
    Functional(List<KerasTensor> inputs, List<KerasTensor> outputs) {
        this(inputs, outputs, null);
    }

    /** {@link #Functional(List, List)} named {@code name} (null: {@code functional}, made unique). */
    Functional(List<KerasTensor> inputs, List<KerasTensor> outputs, String name) {
        if (inputs == null || inputs.isEmpty()) throw new IllegalArgumentException("Model.of: the model needs at least one input");
        if (outputs == null || outputs.isEmpty()) throw new IllegalArgumentException("Model.of: the model needs at least one output");
        Set<KerasTensor> given = Collections.newSetFromMap(new IdentityHashMap<>());
        for (KerasTensor t : inputs) {
            if (t == null) throw new IllegalArgumentException("Model.of: an input is null");
            if (!t.isInput()) {
                throw new IllegalArgumentException("Model.of: inputs must be tensors of Keras.input, got " + t
                        + " (the output of " + describe(t.producer()) + ")");
            }
            if (!given.add(t)) throw new IllegalArgumentException("Model.of: input " + t + " is given twice");
        }
        this.name = name != null ? name : Layer.uniqueName("functional");
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        List<KerasTensor> order = new ArrayList<>();
        Set<KerasTensor> done = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<KerasTensor> used = Collections.newSetFromMap(new IdentityHashMap<>());
        for (KerasTensor out : outputs) {
            if (out == null) throw new IllegalArgumentException("Model.of: an output is null");
            Set<KerasTensor> reached = Collections.newSetFromMap(new IdentityHashMap<>());
            visit(out, done, order, reached);
            List<String> foreign = new ArrayList<>();
            boolean any = false;
            for (KerasTensor in : reached) {
                if (given.contains(in)) {
                    any = true;
                    used.add(in);
                } else {
                    foreign.add(in.name());
                }
            }
            if (!any) {
                throw new IllegalArgumentException("Model.of: output " + out + " is not reachable from the model's inputs "
                        + names(inputs) + ": it is computed from " + foreign + " only");
            }
            if (!foreign.isEmpty()) {
                throw new IllegalArgumentException("Model.of: output " + out + " needs input(s) " + foreign
                        + ", which are not among the model's inputs " + names(inputs)
                        + " (a tensor from another graph; pass those inputs to Model.of too)");
            }
        }
        for (KerasTensor in : inputs) {
            if (!used.contains(in)) {
                LOG.log(System.Logger.Level.WARNING, "Model.of: input " + in.name() + " is not used by any output");
            }
        }
        this.nodes = List.copyOf(order);
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Object> cs = new ArrayList<>();
        for (KerasTensor t : nodes) if (seen.add(t.producer())) cs.add(t.producer());
        this.callees = List.copyOf(cs);
    }

    /** Depth-first, post-order: a tensor after the tensors it is computed from; collects the inputs reached. */
    private static void visit(KerasTensor t, Set<KerasTensor> done, List<KerasTensor> order, Set<KerasTensor> reached) {
        if (t.isInput()) {
            reached.add(t);
            return;
        }
        for (KerasTensor in : t.inputs()) {
            if (in == null) throw new IllegalArgumentException("Model.of: " + t + " has a null input");
            visit(in, done, order, reached);
        }
        if (done.add(t)) order.add(t);
    }

    private static List<String> names(List<KerasTensor> ts) {
        List<String> n = new ArrayList<>();
        for (KerasTensor t : ts) n.add(t.name());
        return n;
    }

    private static String describe(Object producer) {
        if (producer instanceof Layer l) return l.describe();
        if (producer instanceof Model m) return m.getClass().getSimpleName() + " '" + m.name() + "'";
        return String.valueOf(producer);
    }

    @Override
    public String name() {
        return name;
    }

    /** Sets the model's name (Keras's {@code keras.Model(inputs, outputs, name=...)}). */
    public Functional name(String name) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("a model name must not be empty");
        this.name = name;
        return this;
    }

    /** The model's symbolic inputs, in order. */
    public List<KerasTensor> inputs() {
        return inputs;
    }

    /** The model's symbolic outputs, in order. */
    public List<KerasTensor> outputs() {
        return outputs;
    }

    /** The layers (and nested models) in the order they are first called, each once. */
    public List<Object> layers() {
        return callees;
    }

    /** The names History uses for the outputs: the layer that made each (Keras's output names). */
    List<String> outputNames() {
        List<String> n = new ArrayList<>();
        for (KerasTensor t : outputs) n.add(t.name());
        return n;
    }

    List<int[]> inputShapes() {
        List<int[]> s = new ArrayList<>();
        for (KerasTensor t : inputs) s.add(t.shape());
        return s;
    }

    List<int[]> outputShapes() {
        List<int[]> s = new ArrayList<>();
        for (KerasTensor t : outputs) s.add(t.shape());
        return s;
    }

    /**
     * A nested model: this model applied to {@code ins} as a layer of another (one output). Its
     * weights are the same variables; the outer model trains them.
     */
    public KerasTensor apply(KerasTensor... ins) {
        if (ins == null || ins.length != inputs.size()) {
            throw new IllegalArgumentException("Functional '" + name + "' takes " + inputs.size() + " input tensor(s), got "
                    + (ins == null ? 0 : ins.length));
        }
        if (outputs.size() != 1) {
            throw new UnsupportedOperationException("Functional '" + name + "' has " + outputs.size()
                    + " outputs; only models of one output can be nested yet");
        }
        for (int i = 0; i < ins.length; i++) {
            if (ins[i] == null || !Arrays.equals(ins[i].shape(), inputs.get(i).shape())) {
                throw new IllegalArgumentException("Functional '" + name + "': expected input " + i + " of shape "
                        + NDArray.shapeString(Layer.withBatch(inputs.get(i).shape())) + ", got "
                        + (ins[i] == null ? "null" : NDArray.shapeString(Layer.withBatch(ins[i].shape()))));
            }
        }
        return new KerasTensor(outputs.get(0).shape(), this, List.of(ins), name);
    }

    /** The outputs of a recorded call and, per output, the step mask it carries (null for none). */
    record Outputs(List<Tensor> values, List<Tensor> masks) {}

    /** Records the model's call into the graph of {@code ins}: each node's producer called on its inputs' tensors. */
    List<Tensor> call(List<Tensor> ins, boolean training) {
        Outputs o = callWithMasks(ins, training);
        for (int i = 0; i < outputs.size(); i++) {
            if (o.masks().get(i) != null) {
                throw new UnsupportedOperationException("Functional '" + name + "': output " + outputs.get(i).name()
                        + " carries a mask (Embedding mask_zero or Masking), which a nested model cannot pass on yet");
            }
        }
        return o.values();
    }

    /**
     * {@link #call} that also returns the mask each output carries, for the losses and metrics
     * (Keras applies it to both: masked steps weigh 0).
     */
    Outputs callWithMasks(List<Tensor> ins, boolean training) {
        return GraphCall.run(inputs, nodes, outputs, ins, training);
    }

    /** Every variable of the model, once, in Keras order: per layer (nested models' layers in turn), its weights. */
    List<Variable> variables() {
        List<Variable> vars = new ArrayList<>();
        Set<Variable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Object c : callees) {
            List<Variable> vs = c instanceof Functional f ? f.variables() : ((Layer) c).weights();
            for (Variable v : vs) if (seen.add(v)) vars.add(v);
        }
        return vars;
    }

    /** The layers with weights, nested models' included, each once. */
    List<Layer> allLayers() {
        Set<Layer> ls = new LinkedHashSet<>();
        for (Object c : callees) {
            if (c instanceof Functional f) ls.addAll(f.allLayers());
            else ls.add((Layer) c);
        }
        return new ArrayList<>(ls);
    }

    /** Binds the weights into the arena (again when a layer was frozen or unfrozen since). */
    synchronized void ready() {
        if (weights.bound() && (weights.stale() || moved())) invalidate();
        if (!weights.bound()) {
            weights.bind(variables());
            if (optimizer != null) optimizer.build(weights.size(), weights.variableSizes());
        }
        bound = true;
    }

    /**
     * {@link #ready} for {@code predict} and {@code evaluate}, without taking the model's lock when
     * the arena is bound and still holds the weights (a layer frozen since changes nothing for
     * inference; the next {@code fit} re-binds).
     */
    void readyForInference() {
        if (!bound || moved()) ready();
    }

    /**
     * Whether another model bound some of these weights into its arena since (a nested model run
     * on its own, or the model it is nested in): the arena is then made again here, values kept.
     */
    private boolean moved() {
        for (Variable v : weights.variables()) if (v.needsGrad() && v.data != weights.params()) return true;
        return false;
    }

    private void invalidate() {
        bound = false;
        weights.unbind();
        trainExec = null;
        inference = new ExecutablePool(this::newInferenceExecutable);
    }

    Weights weightArena() {
        return weights;
    }

    // ---- compile ----

    /** One loss for every output, as Keras applies a single loss to each. */
    @Override
    public void compile(Optimizer optimizer, Loss loss, String... metrics) {
        if (loss == null) throw new IllegalArgumentException("loss must not be null; valid losses: " + Losses.NAMES);
        compileLosses(optimizer, Collections.nCopies(outputs.size(), loss), null, metrics);
    }

    /** Metric objects, logged under their names; a model of several outputs takes metric names instead. */
    @Override
    public void compile(Optimizer optimizer, Loss loss, Metric metric, Metric... more) {
        List<Metric> ms = new ArrayList<>();
        ms.add(metric);
        ms.addAll(Arrays.asList(more));
        if (ms.contains(null)) throw new IllegalArgumentException("metrics must not be null");
        if (outputs.size() != 1) {
            throw new IllegalArgumentException("compile: metric objects apply to a model of one output; this one has "
                    + outputs.size() + " " + outputNames() + ": give metric names, computed for each output");
        }
        compile(optimizer, loss);
        this.metricObjects = List.copyOf(ms);
    }

    @Override
    public void compile(Optimizer optimizer, List<String> lossPerOutput, String... metrics) {
        compile(optimizer, lossPerOutput, null, metrics);
    }

    /**
     * Keras's {@code compile(optimizer, loss=[...], loss_weights=[...], metrics=[...])}: the training
     * loss is {@code sum_i lossWeights[i] * loss_i} (weights null: all 1); each metric is computed
     * for every output (named {@code <output>_<metric>} when there are several outputs).
     */
    @Override
    public void compile(Optimizer optimizer, List<String> lossPerOutput, List<Double> lossWeights, String... metrics) {
        if (lossPerOutput == null) throw new IllegalArgumentException("compile: the list of losses must not be null");
        List<Loss> ls = new ArrayList<>();
        for (String l : lossPerOutput) ls.add(Losses.get(l));
        compileLosses(optimizer, ls, lossWeights, metrics);
    }

    /**
     * {@link #compile(Optimizer, List, List, String...)} with loss objects, one per output, for
     * options a string cannot carry ({@code from_logits}); {@code lossWeights} null: all 1.
     */
    public void compile(Optimizer optimizer, Loss[] lossPerOutput, List<Double> lossWeights, String... metrics) {
        if (lossPerOutput == null) throw new IllegalArgumentException("compile: the array of losses must not be null");
        for (Loss l : lossPerOutput) if (l == null) throw new IllegalArgumentException("compile: a loss is null");
        compileLosses(optimizer, Arrays.asList(lossPerOutput), lossWeights, metrics);
    }

    private void compileLosses(Optimizer optimizer, List<Loss> ls, List<Double> lw, String... metrics) {
        if (optimizer == null) throw new IllegalArgumentException("optimizer must not be null");
        if (ls.size() != outputs.size()) {
            throw new IllegalArgumentException("compile: the model has " + outputs.size() + " outputs " + outputNames()
                    + ", got " + ls.size() + " losses");
        }
        if (lw != null && lw.size() != outputs.size()) {
            throw new IllegalArgumentException("compile: the model has " + outputs.size() + " outputs, got " + lw.size() + " loss weights");
        }
        for (String m : metrics) Metrics.validate(m);
        double[] w = new double[outputs.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = lw == null ? 1.0 : lw.get(i);
            if (!Double.isFinite(w[i])) throw new IllegalArgumentException("compile: loss weight " + i + " is " + w[i]);
        }
        this.optimizer = optimizer;
        this.losses = List.copyOf(ls);
        this.lossWeights = w;
        this.metricNames = List.of(metrics);
        this.metricObjects = List.of();
        synchronized (this) {
            trainExec = null;
            inference = new ExecutablePool(this::newInferenceExecutable);
            if (weights.bound()) optimizer.build(weights.size(), weights.variableSizes());
            else ready();
        }
    }

    boolean isCompiled() {
        return optimizer != null;
    }

    Optimizer optimizer() {
        return optimizer;
    }

    @Override
    public Optimizer getOptimizer() {
        return optimizer;
    }

    List<Loss> losses() {
        return losses;
    }

    /** The loss of each output given to {@code compile} (empty before it). */
    public List<Loss> getLosses() {
        return losses == null ? List.of() : losses;
    }

    /** The weight of each output's loss ({@code loss_weights}; all 1 when none were given; empty before {@code compile}). */
    public List<Double> getLossWeights() {
        List<Double> w = new ArrayList<>();
        if (lossWeights != null) for (double x : lossWeights) w.add(x);
        return w;
    }

    /** The metric names given to {@code compile}. */
    public List<String> getMetricNames() {
        return metricNames;
    }

    List<String> metricNames() {
        return metricNames;
    }

    /** The metric objects given to compile (reset by the loops before use). */
    List<Metric> metricObjects() {
        return metricObjects;
    }

    double[] lossWeights() {
        return lossWeights.clone();
    }

    // ---- plans ----

    /** The training plan for {@code capacity} samples (re-planned when the capacity or the target shapes change). */
    synchronized Executable trainExecutable(int capacity, List<int[]> yRowShapes) {
        Executable e = trainExec;
        if (e == null || e.capacity() != capacity || !sameRows(e, yRowShapes)) {
            e = trainExec = new Executable(inputShapes(), xs -> callWithMasks(xs, true), losses, lossWeights, yRowShapes, capacity,
                    Executable.Mode.TRAIN);
        }
        return e;
    }

    private static boolean sameRows(Executable e, List<int[]> yRowShapes) {
        for (int i = 0; i < yRowShapes.size(); i++) {
            if (!Arrays.equals(e.ys.get(i).shape(), Layer.withBatch(yRowShapes.get(i)))) return false;
        }
        return true;
    }

    /** An inference plan of this caller's own, until {@link #release}; target shapes packed by {@link #pack}. */
    Executable acquire(Executable.Mode mode, int rows, List<int[]> yRowShapes) {
        return inference.acquire(mode, rows, yRowShapes == null ? null : pack(yRowShapes));
    }

    void release(Executable e) {
        ExecutablePool.release(e);
    }

    /** Inference plans kept between calls (tests of the memory bound). */
    int idlePlans() {
        return inference.idle();
    }

    /** Several shapes as one int[] (the pool's key): per shape its rank, then its dimensions. */
    static int[] pack(List<int[]> shapes) {
        int n = 0;
        for (int[] s : shapes) n += 1 + s.length;
        int[] p = new int[n];
        int i = 0;
        for (int[] s : shapes) {
            p[i++] = s.length;
            for (int d : s) p[i++] = d;
        }
        return p;
    }

    static List<int[]> unpack(int[] p) {
        List<int[]> shapes = new ArrayList<>();
        for (int i = 0; i < p.length; ) {
            int r = p[i++];
            shapes.add(Arrays.copyOfRange(p, i, i + r));
            i += r;
        }
        return shapes;
    }

    private synchronized Executable newInferenceExecutable(Executable.Mode mode, int capacity, int[] packed) {
        List<int[]> ys = packed == null ? null : unpack(packed);
        return new Executable(inputShapes(), xs -> callWithMasks(xs, false), losses, lossWeights, ys, capacity, mode);
    }

    // ---- fit, evaluate, predict: Trainer's loops ----

    @Override
    public History fit(NDArray x, NDArray y, FitOptions options) {
        return fit(Arrays.asList(x), Arrays.asList(y), options);
    }

    @Override
    public History fit(List<NDArray> xs, List<NDArray> ys, FitOptions options) {
        return new Trainer(this, this).fit(xs, ys, options);
    }

    @Override
    public History fit(Iterable<NDArray[]> batches, FitOptions options) {
        if (batches == null) throw new IllegalArgumentException("fit: batches must not be null");
        return new Trainer(this, this).fit(batches, batches.iterator(), null, options);
    }

    @Override
    public History fit(java.util.Iterator<NDArray[]> batches, FitOptions options) {
        return new Trainer(this, this).fit(null, batches, null, options);
    }

    @Override
    public Map<String, Double> evaluate(NDArray x, NDArray y, int verbose) {
        return evaluate(x, y, new EvaluateOptions().verbose(verbose));
    }

    @Override
    public Map<String, Double> evaluate(NDArray x, NDArray y, EvaluateOptions options) {
        return new Trainer(this, this).evaluate(Arrays.asList(x), Arrays.asList(y), options);
    }

    @Override
    public Map<String, Double> evaluate(List<NDArray> xs, List<NDArray> ys) {
        return new Trainer(this, this).evaluate(xs, ys, new EvaluateOptions());
    }

    /** The model's only output; see {@link #predictAll} for several. */
    @Override
    public NDArray predict(NDArray... inputs) {
        requireOneOutput();
        return predictAll(inputs).get(0);
    }

    @Override
    public NDArray predict(NDArray x, PredictOptions options) {
        if (options == null) throw new IllegalArgumentException("PredictOptions must not be null");
        requireOneOutput();
        return new Trainer(this, this).predict(Arrays.asList(x), options).get(0);
    }

    @Override
    public List<NDArray> predictAll(NDArray... inputs) {
        return new Trainer(this, this).predict(inputs == null ? null : Arrays.asList(inputs), null);
    }

    private void requireOneOutput() {
        if (outputs.size() != 1) {
            throw new IllegalArgumentException("predict: the model has " + outputs.size() + " outputs " + outputNames()
                    + "; use predictAll");
        }
    }

    // ---- weights, summary ----

    @Override
    public List<NDArray> getWeights() {
        List<NDArray> out = new ArrayList<>();
        long stamp = weights.lock().readLock();
        try {
            for (Variable v : variables()) out.add(NDArray.of(Arrays.copyOfRange(v.data, v.off, v.off + v.size()), v.shape()));
        } finally {
            weights.lock().unlockRead(stamp);
        }
        return out;
    }

    @Override
    public void setWeights(List<NDArray> values) {
        List<Variable> vars = variables();
        if (values == null || values.size() != vars.size()) {
            throw new IllegalArgumentException("setWeights: the model has " + vars.size() + " weights, got "
                    + (values == null ? "null" : values.size()));
        }
        for (int i = 0; i < vars.size(); i++) {
            Variable v = vars.get(i);
            if (values.get(i) == null || !Arrays.equals(v.shape(), values.get(i).shape())) {
                throw new IllegalArgumentException("setWeights: weight " + i + " '" + v.name() + "' has shape "
                        + NDArray.shapeString(v.shape()) + ", got " + (values.get(i) == null ? "null" : NDArray.shapeString(values.get(i).shape())));
            }
        }
        long stamp = weights.lock().writeLock();
        try {
            for (int i = 0; i < vars.size(); i++) {
                Variable v = vars.get(i);
                System.arraycopy(values.get(i).toFloatArray(), 0, v.data, v.off, v.size());
                v.changed();
            }
        } finally {
            weights.lock().unlockWrite(stamp);
        }
    }

    /** Keras's functional summary: one row per input and layer, with the "Connected to" column. */
    @Override
    public void summary(PrintStream out) {
        FunctionalSummary.print(this, out, io.keras4j.callbacks.Console.unicode());
    }

    /** The tensors of the graph, inputs first, then every node in call order (for the summary). */
    List<KerasTensor> nodes() {
        return nodes;
    }

    @Override
    protected boolean isBuiltModel() {
        return true;
    }

    @Override
    public void setStopTraining(boolean stop) {
        this.stopTraining = stop;
    }

    @Override
    public boolean isStopTraining() {
        return stopTraining;
    }
}
