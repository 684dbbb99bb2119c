package io.keras4j.layers;

import io.keras4j.engine.Tensor;
import io.keras4j.engine.ops.RecurrentOp;
import io.keras4j.engine.ops.SimpleRnnOp;
import java.util.Map;

/**
 * {@code keras.layers.SimpleRNN(units)}: {@code h_t = activation(x_t @ kernel + h_{t-1} @ recurrent_kernel + bias)},
 * weights {@code kernel (in,u)}, {@code recurrent_kernel (u,u)}, {@code bias (u)}; the arguments and
 * defaults of {@link RecurrentLayer} (activation {@code tanh}).
 * <pre>{@code
 * model.add(new SimpleRNN(8).returnSequences(true).inputShape(10, 3));
 * }</pre>
 */
public class SimpleRNN extends RecurrentLayer<SimpleRNN> {
    public SimpleRNN(int units) {
        super("simple_rnn", units);
    }

    public SimpleRNN(int units, String activation) {
        this(units);
        activation(activation);
    }

    @Override
    protected int gates() {
        return 1;
    }

    @Override
    protected void buildBias() {
        bias = addWeight("bias", new int[] {units}, initializer(biasInitializer), true);
    }

    @Override
    protected RecurrentOp op(Tensor x, RecurrentOp.Options o) {
        return new SimpleRnnOp(x, kernel, recurrentKernel, useBias ? bias : null, o);
    }

    /** Keras's SimpleRNN has no {@code recurrent_activation} (it has no gates) and refuses the key: it is left out. */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.remove("recurrent_activation");
        return c;
    }

    /** The layer of a {@link #getConfig()} map (see {@link LayerConfig}). */
    public static SimpleRNN fromConfig(Map<String, Object> config) {
        LayerConfig c = new LayerConfig(config);
        return applyConfig(c, new SimpleRNN(c.getInt("units")));
    }
}
