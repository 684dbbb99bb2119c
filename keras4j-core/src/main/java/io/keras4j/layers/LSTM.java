package io.keras4j.layers;

import io.keras4j.engine.Tensor;
import io.keras4j.engine.ops.LstmOp;
import io.keras4j.engine.ops.RecurrentOp;
import java.util.Map;

/**
 * {@code keras.layers.LSTM(units)}, Hochreiter 1997, with Keras's layout: {@code kernel (in,4u)},
 * {@code recurrent_kernel (u,4u)}, {@code bias (4u)}, gates in the order i, f, c, o:
 * <pre>
 * z = x_t @ kernel + h_{t-1} @ recurrent_kernel + bias
 * i, f, o = recurrent_activation(z_i, z_f, z_o);  c_t = f*c_{t-1} + i*activation(z_c);  h_t = o*activation(c_t)
 * </pre>
 * Defaults: those of {@link RecurrentLayer}, and {@code unit_forget_bias} true (the forget gate's
 * bias starts at 1, the rest from {@code bias_initializer}).
 * <pre>{@code
 * model.add(new LSTM(64).inputShape(20, 8));
 * }</pre>
 */
public class LSTM extends RecurrentLayer<LSTM> {
    private boolean unitForgetBias = true;

    public LSTM(int units) {
        super("lstm", units);
    }

    public LSTM(int units, String activation) {
        this(units);
        activation(activation);
    }

    /** Whether the forget gate's bias starts at 1 (default true). */
    public LSTM unitForgetBias(boolean v) {
        this.unitForgetBias = v;
        return this;
    }

    @Override
    protected int gates() {
        return 4;
    }

    @Override
    protected void buildBias() {
        io.keras4j.initializers.Initializer init = initializer(biasInitializer);
        bias = addWeight("bias", new int[] {4 * units}, (w, shape) -> {
            if (!unitForgetBias) {
                init.fill(w, shape);
                return;
            }
            float[] part = new float[units];
            init.fill(part, new int[] {units});
            System.arraycopy(part, 0, w, 0, units);
            java.util.Arrays.fill(w, units, 2 * units, 1f);
            float[] rest = new float[2 * units];
            init.fill(rest, new int[] {2 * units});
            System.arraycopy(rest, 0, w, 2 * units, 2 * units);
        }, true);
    }

    /** h and c. */
    @Override
    int stateCount() {
        return 2;
    }

    @Override
    protected RecurrentOp op(Tensor x, RecurrentOp.Options o) {
        return new LstmOp(x, kernel, recurrentKernel, useBias ? bias : null, o);
    }

    /** The layer of a {@link #getConfig()} map (see {@link LayerConfig}). */
    public static LSTM fromConfig(Map<String, Object> config) {
        LayerConfig c = new LayerConfig(config);
        LSTM l = new LSTM(c.getInt("units")).unitForgetBias(c.getBoolean("unit_forget_bias", true));
        return applyConfig(c, l);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("unit_forget_bias", unitForgetBias);
        return c;
    }
}
