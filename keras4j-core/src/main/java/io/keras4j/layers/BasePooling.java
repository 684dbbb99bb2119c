package io.keras4j.layers;

import io.keras4j.NDArray;
import io.keras4j.engine.Tensor;
import io.keras4j.engine.ops.AvgPool;
import io.keras4j.engine.ops.Gather;
import io.keras4j.engine.ops.MaxPool;
import io.keras4j.engine.ops.PoolGeometry;
import java.util.Map;

/**
 * Keras's {@code BasePooling}: max or average pooling over 1 or 2 spatial axes, shared by
 * {@link MaxPooling1D}, {@link MaxPooling2D}, {@link AveragePooling1D} and {@link AveragePooling2D}.
 * {@code pool_size} default 2 on every axis, {@code strides} default the pool size,
 * {@code padding} {@code "valid"} (default) or {@code "same"} (average pooling then divides by the
 * cells inside the input only, as Keras), {@code data_format} {@code "channels_last"} (default)
 * or {@code "channels_first"}. No weights.
 *
 * @param <T> the concrete layer, which every fluent setter returns
 */
public abstract class BasePooling<T extends BasePooling<T>> extends Layer {
    private final int rank;
    private final boolean max;
    private int[] poolSize;
    private int[] strides;
    private String padding = "valid";
    private String dataFormat = Formats.CHANNELS_LAST;

    BasePooling(String baseName, int rank, boolean max, int... poolSize) {
        super(baseName);
        this.rank = rank;
        this.max = max;
        this.poolSize = Formats.tuple(getClass().getSimpleName(), "pool_size", rank, 1, Formats.orDefault(poolSize, 2));
    }

    @SuppressWarnings("unchecked")
    private T self() {
        return (T) this;
    }

    /** The window size (Keras's first positional argument, also a keyword); one value applies to every axis. */
    public T poolSize(int... poolSize) {
        this.poolSize = Formats.tuple(describe(), "pool_size", rank, 1, Formats.orDefault(poolSize, 2));
        return self();
    }

    /** The step between windows (default: the pool size); one value applies to every axis. */
    public T strides(int... strides) {
        this.strides = Formats.tuple(describe(), "strides", rank, 1, strides);
        return self();
    }

    /** {@code "valid"} (default) or {@code "same"}. */
    public T padding(String padding) {
        this.padding = Formats.padding(describe(), padding);
        return self();
    }

    /** {@code "channels_last"} (default; also null) or {@code "channels_first"}. */
    public T dataFormat(String dataFormat) {
        this.dataFormat = Formats.dataFormat(describe(), dataFormat);
        return self();
    }

    @Override
    public T name(String name) {
        super.name(name);
        return self();
    }

    @Override
    public T inputShape(int... shape) {
        super.inputShape(shape);
        return self();
    }

    public int[] poolSize() {
        return poolSize.clone();
    }

    private int[] stridesOrPool() {
        return strides != null ? strides : poolSize;
    }

    private boolean channelsFirst() {
        return dataFormat.equals(Formats.CHANNELS_FIRST);
    }

    /** The geometry for a (h, w, c) reading of the input: 1-D pooling is h = 1. */
    private PoolGeometry geometry(int[] in) {
        int c = channelsFirst() ? in[0] : in[rank];
        int[] sp = new int[2];
        sp[0] = rank == 2 ? in[channelsFirst() ? 1 : 0] : 1;
        sp[1] = in[channelsFirst() ? rank : rank - 1];
        int[] st = stridesOrPool();
        int ph = rank == 2 ? poolSize[0] : 1, sh = rank == 2 ? st[0] : 1;
        return PoolGeometry.of(sp[0], sp[1], c, ph, poolSize[rank - 1], sh, st[rank - 1], padding.equals("same"));
    }

    @Override
    protected void validateInput(int[] in) {
        if (in.length != rank + 1) {
            String form = rank == 2 ? (channelsFirst() ? "(None, channels, h, w)" : "(None, h, w, channels)")
                    : (channelsFirst() ? "(None, channels, steps)" : "(None, steps, channels)");
            throw Formats.rank(describe(), rank + 2, form, in);
        }
        int[] st = stridesOrPool();
        for (int a = 0; a < rank; a++) {
            int size = in[(channelsFirst() ? 1 : 0) + a];
            if (PoolGeometry.outputSize(size, poolSize[a], st[a], padding.equals("same")) < 1) {
                throw new IllegalArgumentException(describe() + ": pool_size " + NDArray.shapeString(poolSize)
                        + " does not fit input " + NDArray.shapeString(withBatch(in)) + " with \"valid\" padding (output "
                        + NDArray.shapeString(withBatch(computeOutputShape(in))) + ")");
            }
        }
    }

    @Override
    protected void build(int[] inputShape) {}

    @Override
    public Tensor call(Tensor x, boolean training) {
        int[] in = Formats.withoutFirst(x.shape());
        PoolGeometry g = geometry(in);
        int[] out = computeOutputShape(in);
        int[] lastOut = channelsFirst() ? rotate(out) : out;
        if (channelsFirst()) x = Gather.transpose(x, toLast(rank + 1));
        int[] outShape = withBatch(lastOut);
        Tensor y = max ? new MaxPool(x, g, outShape).output() : new AvgPool(x, g, outShape).output();
        return channelsFirst() ? Gather.transpose(y, toFirst(rank + 1)) : y;
    }

    /** (c, s1, .., sr) -> (s1, .., sr, c). */
    private static int[] rotate(int[] s) {
        int[] r = new int[s.length];
        System.arraycopy(s, 1, r, 0, s.length - 1);
        r[s.length - 1] = s[0];
        return r;
    }

    /** The permutation that moves axis 0 last. */
    static int[] toLast(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n - 1; i++) p[i] = i + 1;
        p[n - 1] = 0;
        return p;
    }

    /** The permutation that moves the last axis first. */
    static int[] toFirst(int n) {
        int[] p = new int[n];
        p[0] = n - 1;
        for (int i = 1; i < n; i++) p[i] = i - 1;
        return p;
    }

    @Override
    public int[] computeOutputShape(int[] in) {
        int[] out = in.clone();
        int[] st = stridesOrPool();
        int first = channelsFirst() ? 1 : 0;
        for (int a = 0; a < rank; a++) out[first + a] = PoolGeometry.outputSize(in[first + a], poolSize[a], st[a], padding.equals("same"));
        return out;
    }

    /** Sets strides, padding, data format and name from a config (for the subclasses' fromConfig). */
    static <L extends BasePooling<L>> L configure(L layer, LayerConfig c) {
        if (c.has("strides")) layer.strides(c.getInts("strides"));
        layer.padding(c.getString("padding", "valid")).dataFormat(c.getString("data_format", null));
        return c.applyBase(layer);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("pool_size", Formats.list(poolSize));
        c.put("padding", padding);
        c.put("strides", Formats.list(stridesOrPool()));
        c.put("data_format", dataFormat);
        return c;
    }
}
