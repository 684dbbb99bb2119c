package io.keras4j.layers;

import io.keras4j.activations.Activations;
import io.keras4j.engine.Tensor;
import io.keras4j.engine.Variable;
import io.keras4j.engine.ops.Conv;
import io.keras4j.initializers.Initializers;
import java.util.Map;

/**
 * {@code keras.layers.DepthwiseConv2D}: each input channel c convolved with its own filters,
 * {@code y[..., c * dm + m] = activation(sum_{ky,kx} x[.., c] * kernel[ky, kx, c, m] + bias[c * dm + m])}.
 * Weights {@code kernel (kh, kw, in, depth_multiplier)} (Keras 3's name; Keras 2 called it
 * {@code depthwise_kernel}) and {@code bias (in * depth_multiplier)}. Defaults as
 * {@link BaseDepthwiseConv}.
 * <pre>{@code
 * model.add(new DepthwiseConv2D(3).depthMultiplier(2).padding("same").inputShape(32, 32, 16)); // -> (None, 32, 32, 32)
 * }</pre>
 */
public class DepthwiseConv2D extends BaseDepthwiseConv<DepthwiseConv2D> {
    private Variable kernel, bias;

    /** @param kernelSize {@code (kh, kw)}, or one value for both */
    public DepthwiseConv2D(int... kernelSize) {
        super("depthwise_conv2d", kernelSize);
    }

    @Override
    protected void build(int[] inputShape) {
        kernel = addDepthwiseKernel("kernel", inputShape);
        if (useBias) {
            bias = addWeight("bias", new int[] {channels(inputShape) * depthMultiplier}, Initializers.get(biasInitializer), true,
                    penalties.regularizer("bias"), penalties.constraint("bias"));
        }
    }

    @Override
    public Tensor call(Tensor x, boolean training) {
        Tensor in = toLast(x);
        boolean relu = activation.equals("relu");
        int c = channels(features(x));
        Tensor y = new Conv(in, kernel, useBias ? bias : null, geometry(features(x)), c * depthMultiplier, relu).output();
        if (!relu) y = Activations.apply(activation, y);
        return fromLast(y);
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        return outputShape(inputShape, channels(inputShape) * depthMultiplier);
    }

    /** The layer of a {@link #getConfig()} map (see {@link LayerConfig}). */
    public static DepthwiseConv2D fromConfig(Map<String, Object> config) {
        LayerConfig c = new LayerConfig(config);
        return configure(new DepthwiseConv2D(c.getInts("kernel_size")), c);
    }
}
