package io.keras4j.layers;

import io.keras4j.engine.Tensor;
import io.keras4j.engine.ops.AvgPool;
import io.keras4j.engine.ops.MaxPool;
import io.keras4j.engine.ops.PoolGeometry;
import java.util.Map;

/**
 * Keras's {@code BaseGlobalPooling}: the max or the mean over every spatial axis (1 or 2) per
 * channel. {@code (batch, s1, .., sr, c) -> (batch, c)}, or {@code (batch, 1, .., 1, c)} with
 * {@code keepdims} (default false); {@code data_format} {@code "channels_last"} (default) or
 * {@code "channels_first"} ({@code (batch, c, s1, .., sr) -> (batch, c)}). No weights.
 *
 * @param <T> the concrete layer, which every fluent setter returns
 */
public abstract class BaseGlobalPooling<T extends BaseGlobalPooling<T>> extends Layer {
    private final int rank;
    private final boolean max;
    private String dataFormat = Formats.CHANNELS_LAST;
    private boolean keepdims;

    BaseGlobalPooling(String baseName, int rank, boolean max) {
        super(baseName);
        this.rank = rank;
        this.max = max;
    }

    @SuppressWarnings("unchecked")
    private T self() {
        return (T) this;
    }

    /** {@code "channels_last"} (default; also null) or {@code "channels_first"}. */
    public T dataFormat(String dataFormat) {
        this.dataFormat = Formats.dataFormat(describe(), dataFormat);
        return self();
    }

    /** Keep the pooled axes as size 1 (default false). */
    public T keepdims(boolean keepdims) {
        this.keepdims = keepdims;
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

    private boolean channelsFirst() {
        return dataFormat.equals(Formats.CHANNELS_FIRST);
    }

    @Override
    protected void validateInput(int[] in) {
        if (in.length != rank + 1) {
            String sp = rank == 2 ? "h, w" : "steps";
            throw Formats.rank(describe(), rank + 2, channelsFirst() ? "(None, channels, " + sp + ")" : "(None, " + sp + ", channels)", in);
        }
    }

    @Override
    protected void build(int[] inputShape) {}

    @Override
    public Tensor call(Tensor x, boolean training) {
        int[] in = Formats.withoutFirst(x.shape());
        int c = channelsFirst() ? in[0] : in[rank];
        int cells = x.rowSize() / c;
        // channels last: a sample is (1, cells, c), one window of all cells; channels first: a
        // sample is (c, cells, 1), one window of a row each: either way c values, in channel order
        PoolGeometry g = channelsFirst() ? PoolGeometry.of(c, cells, 1, 1, cells, 1, cells, false)
                : PoolGeometry.of(1, cells, c, 1, cells, 1, cells, false);
        int[] outShape = withBatch(computeOutputShape(in));
        return max ? new MaxPool(x, g, outShape).output() : new AvgPool(x, g, outShape).output();
    }

    @Override
    public int[] computeOutputShape(int[] in) {
        int c = channelsFirst() ? in[0] : in[in.length - 1];
        if (!keepdims) return new int[] {c};
        int[] out = new int[in.length];
        java.util.Arrays.fill(out, 1);
        out[channelsFirst() ? 0 : in.length - 1] = c;
        return out;
    }

    static <L extends BaseGlobalPooling<L>> L configure(L layer, LayerConfig c) {
        layer.dataFormat(c.getString("data_format", null)).keepdims(c.getBoolean("keepdims", false));
        return c.applyBase(layer);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("data_format", dataFormat);
        c.put("keepdims", keepdims);
        return c;
    }
}
