package io.keras4j.engine.ops;

import io.keras4j.NDArray;
import io.keras4j.engine.Tensor;

/** The shape checks {@link MaxPool} and {@link AvgPool} share. */
final class Pool {
    private Pool() {}

    static int[] check(String op, Tensor x, PoolGeometry g, int[] outShape) {
        if (!x.batched() || x.rowSize() != g.inSize()) {
            throw new IllegalArgumentException(op + ": input " + NDArray.shapeString(x.shape()) + " is not a batch of "
                    + g.h + "x" + g.w + "x" + g.c + " samples");
        }
        int size = 1;
        for (int d = 1; d < outShape.length; d++) size *= outShape[d];
        if (outShape.length == 0 || outShape[0] != -1 || size != g.outSize()) {
            throw new IllegalArgumentException(op + ": output " + NDArray.shapeString(outShape) + " does not hold "
                    + g.oh + "x" + g.ow + "x" + g.c + " values a sample");
        }
        return outShape;
    }
}
