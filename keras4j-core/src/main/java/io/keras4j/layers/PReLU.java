package io.keras4j.layers;

import io.keras4j.NDArray;
import io.keras4j.constraints.Constraint;
import io.keras4j.constraints.Constraints;
import io.keras4j.engine.Tensor;
import io.keras4j.engine.Variable;
import io.keras4j.engine.ops.PReluOp;
import io.keras4j.initializers.Initializers;
import io.keras4j.regularizers.Regularizer;
import io.keras4j.regularizers.Regularizers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code keras.layers.PReLU(alpha_initializer="zeros", alpha_regularizer=None,
 * alpha_constraint=None, shared_axes=None)}: {@code f(x) = x} for {@code x > 0},
 * {@code alpha * x} otherwise, with a learned {@code alpha} of the input's shape (without batch),
 * of size 1 along each of {@code shared_axes} (1-based, as Keras counts them with the batch
 * axis 0): for images {@code sharedAxes(1, 2)} gives one alpha per channel.
 */
public class PReLU extends Layer {
    private String alphaInitializer = "zeros";
    private Regularizer alphaRegularizer;
    private Constraint alphaConstraint;
    private int[] sharedAxes;
    private Variable alpha;

    public PReLU() {
        super("p_re_lu");
    }

    /** Keras's first positional argument, {@code alpha_initializer}. */
    public PReLU(String alphaInitializer) {
        this();
        alphaInitializer(alphaInitializer);
    }

    /** Initializer of alpha by name (default {@code zeros}). */
    public PReLU alphaInitializer(String name) {
        Initializers.get(name);
        this.alphaInitializer = name;
        return this;
    }

    public PReLU alphaRegularizer(Regularizer r) {
        this.alphaRegularizer = r;
        return this;
    }

    public PReLU alphaRegularizer(String name) {
        return alphaRegularizer(Regularizers.get(name));
    }

    public PReLU alphaConstraint(Constraint c) {
        this.alphaConstraint = c;
        return this;
    }

    public PReLU alphaConstraint(String name) {
        return alphaConstraint(Constraints.get(name));
    }

    /** Axes (1-based, the batch is 0) along which alpha is shared (default none). */
    public PReLU sharedAxes(int... axes) {
        for (int a : axes) if (a < 1) throw new IllegalArgumentException(describe() + ": shared_axes are >= 1 (0 is the batch), got " + a);
        this.sharedAxes = axes.length == 0 ? null : axes.clone();
        return this;
    }

    @Override
    public PReLU inputShape(int... shape) {
        super.inputShape(shape);
        return this;
    }

    @Override
    public PReLU name(String name) {
        super.name(name);
        return this;
    }

    @Override
    protected void validateInput(int[] inputShape) {
        if (sharedAxes != null) {
            for (int a : sharedAxes) {
                if (a > inputShape.length) {
                    throw new IllegalArgumentException(describe() + ": shared axis " + a + " does not exist in input "
                            + NDArray.shapeString(withBatch(inputShape)));
                }
            }
        }
    }

    @Override
    protected void build(int[] inputShape) {
        int[] shape = inputShape.clone();
        if (sharedAxes != null) for (int a : sharedAxes) shape[a - 1] = 1;
        alpha = addWeight("alpha", shape, Initializers.get(alphaInitializer), true, alphaRegularizer, alphaConstraint);
    }

    @Override
    public Tensor call(Tensor x, boolean training) {
        return addLosses(new PReluOp(x, alpha).output(), null);
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        return inputShape.clone();
    }

    public static PReLU fromConfig(Map<String, Object> config) {
        LayerConfig c = new LayerConfig(config);
        PReLU p = new PReLU().alphaInitializer(ConfigInitializers.name(c, "alpha_initializer", "zeros"))
                .alphaRegularizer(Regularizers.fromConfig(c.get("alpha_regularizer")))
                .alphaConstraint(Constraints.fromConfig(c.get("alpha_constraint")));
        if (c.has("shared_axes")) p.sharedAxes(c.getInts("shared_axes"));
        return c.applyBase(p);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("alpha_initializer", alphaInitializer);
        c.put("alpha_regularizer", Regularizers.serialize(alphaRegularizer));
        c.put("alpha_constraint", Constraints.serialize(alphaConstraint));
        List<Integer> axes = null;
        if (sharedAxes != null) {
            axes = new ArrayList<>();
            for (int a : sharedAxes) axes.add(a);
        }
        c.put("shared_axes", axes);
        return c;
    }
}
