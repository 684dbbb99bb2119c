package io.keras4j.models;

import io.keras4j.engine.Rng;
import io.keras4j.engine.kernels.Kernels;
import io.keras4j.engine.kernels.KernelsProvider;

/**
 * Batches of in-memory arrays (one per input and per output), shuffled each epoch with the
 * seeded {@link Rng}; the last partial batch is kept. Filling a batch gathers rows and allocates nothing.
 */
final class ArrayFeed implements Feed {
    private static final Kernels K = KernelsProvider.get();

    private final ModelData d;
    private final int[] xRow, yRow;
    private final int n, batch, steps;
    private final boolean shuffle;
    private final int[] order;
    private int step;

    ArrayFeed(ModelData d, int batch, boolean shuffle) {
        this.d = d;
        this.n = d.n();
        this.batch = batch;
        this.shuffle = shuffle;
        this.steps = (n + batch - 1) / batch;
        this.xRow = new int[d.xs().size()];
        this.yRow = new int[d.ys().size()];
        for (int i = 0; i < xRow.length; i++) xRow[i] = d.xs().get(i).length / n;
        for (int i = 0; i < yRow.length; i++) yRow[i] = d.ys().get(i).length / n;
        this.order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
    }

    @Override public int steps() {
        return steps;
    }

    @Override public void beginEpoch() {
        if (shuffle) Rng.shuffle(order, n);
        step = -1;
    }

    @Override public boolean next() {
        return ++step < steps;
    }

    @Override public int rows() {
        return Math.min(batch, n - step * batch);
    }

    @Override public boolean fill(Executable e) {
        int start = step * batch, rows = rows();
        for (int i = 0; i < xRow.length; i++) K.gatherRows(d.xs().get(i), xRow[i], order, start, rows, e.xs.get(i).data);
        for (int i = 0; i < yRow.length; i++) K.gatherRows(d.ys().get(i), yRow[i], order, start, rows, e.ys.get(i).data);
        if (d.sw() != null) K.gatherRows(d.sw(), 1, order, start, rows, e.sw.data);
        return d.sw() != null;
    }
}
