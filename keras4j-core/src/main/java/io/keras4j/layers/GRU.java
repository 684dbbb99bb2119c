package io.keras4j.layers;

import io.keras4j.engine.Tensor;
import io.keras4j.engine.ops.GruOp;
import io.keras4j.engine.ops.GruResetBeforeOp;
import io.keras4j.engine.ops.RecurrentOp;
import java.util.Map;

/**
 * {@code keras.layers.GRU(units)}, Cho et al. 2014, with Keras's layout: {@code kernel (in,3u)},
 * {@code recurrent_kernel (u,3u)}, gates in the order z, r, h.
 * <pre>
 * reset_after=True (default; bias (2,3u): input row, recurrent row):
 *   z, r = recurrent_activation(x W_zr + b_zr + h_{t-1} R_zr + b'_zr)
 *   hh = activation(x W_h + b_h + r * (h_{t-1} R_h + b'_h))
 * reset_after=False (bias (3u)):
 *   z, r = recurrent_activation(x W_zr + b_zr + h_{t-1} R_zr);  hh = activation(x W_h + b_h + (r*h_{t-1}) R_h)
 * h_t = z*h_{t-1} + (1-z)*hh
 * </pre>
 * The other arguments and defaults are those of {@link RecurrentLayer}.
 */
public class GRU extends RecurrentLayer<GRU> {
    private boolean resetAfter = true;

    public GRU(int units) {
        super("gru", units);
    }

    public GRU(int units, String activation) {
        this(units);
        activation(activation);
    }

    /** Whether the reset gate applies after the recurrent matmul (default true, cuDNN's convention). */
    public GRU resetAfter(boolean v) {
        this.resetAfter = v;
        return this;
    }

    public boolean resetAfter() {
        return resetAfter;
    }

    @Override
    protected int gates() {
        return 3;
    }

    @Override
    protected void buildBias() {
        int[] shape = resetAfter ? new int[] {2, 3 * units} : new int[] {3 * units};
        bias = addWeight("bias", shape, initializer(biasInitializer), true);
    }

    @Override
    protected RecurrentOp op(Tensor x, RecurrentOp.Options o) {
        Tensor b = useBias ? bias : null;
        return resetAfter ? new GruOp(x, kernel, recurrentKernel, b, o) : new GruResetBeforeOp(x, kernel, recurrentKernel, b, o);
    }

    /** The layer of a {@link #getConfig()} map (see {@link LayerConfig}). */
    public static GRU fromConfig(Map<String, Object> config) {
        LayerConfig c = new LayerConfig(config);
        GRU l = new GRU(c.getInt("units")).resetAfter(c.getBoolean("reset_after", true));
        return applyConfig(c, l);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("reset_after", resetAfter);
        return c;
    }
}
