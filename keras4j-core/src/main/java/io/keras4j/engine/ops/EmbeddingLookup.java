package io.keras4j.engine.ops;

import io.keras4j.engine.Op;
import io.keras4j.engine.Tensor;

/**
 * Row lookup: {@code y[..., :] = E[int(x[...]), :]} for indices given as floats (Keras casts them
 * to integers); the indices take no gradient.
 * <pre>
 * forward:  x (n, ...) ids, E (V,D) -> y (n, ..., D)
 * backward: dE[id] += dy[...]          (ids may repeat: a scatter-add)
 * </pre>
 */
public final class EmbeddingLookup extends Op {
    private final String owner;
    private final int vocab, dim;

    /** @param owner how an out-of-range index error names the layer */
    public EmbeddingLookup(Tensor x, Tensor e, String owner) {
        super(outShape(x, e), x, e);
        this.owner = owner;
        this.vocab = e.dim(0);
        this.dim = e.dim(1);
    }

    private static int[] outShape(Tensor x, Tensor e) {
        int[] s = x.shape(), r = new int[s.length + 1];
        System.arraycopy(s, 0, r, 0, s.length);
        r[s.length] = e.dim(1);
        return r;
    }

    private int index(float v) {
        int id = (int) v;
        if (!(v > -1) || id >= vocab) {
            throw new IllegalArgumentException(owner + ": index " + v + " is out of range [0, " + vocab
                    + ") (input_dim " + vocab + ")");
        }
        return id;
    }

    @Override
    public void forward(int n) {
        Tensor x = in[0], e = in[1];
        int len = x.size(n);
        for (int i = 0; i < len; i++) {
            System.arraycopy(e.data, e.off + index(x.data[x.off + i]) * dim, out.data, out.off + i * dim, dim);
        }
    }

    @Override
    public void backward(int n) {
        Tensor x = in[0], e = in[1];
        if (!g(e)) return;
        int len = x.size(n);
        for (int i = 0; i < len; i++) {
            int row = e.goff + (int) x.data[x.off + i] * dim, src = out.goff + i * dim;
            for (int j = 0; j < dim; j++) e.grad[row + j] += out.grad[src + j];
        }
    }
}
