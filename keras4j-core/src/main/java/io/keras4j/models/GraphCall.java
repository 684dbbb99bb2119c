package io.keras4j.models;

import io.keras4j.KerasTensor;
import io.keras4j.NDArray;
import io.keras4j.engine.Tensor;
import io.keras4j.layers.Layer;
import io.keras4j.layers.Merge;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records a functional graph's call into the op graph of its input tensors: each node's producer
 * (a layer, a merge layer or a nested model) called on the tensors of the node's inputs, in
 * topological order. A layer of several outputs ({@code returnState}) is called once for all the
 * nodes of that call. Masks travel with the tensors as Keras's {@code _keras_mask}: a layer that
 * supports masking gets its input's mask and gives its output's ({@code computeMask}); the
 * outputs' masks are returned for the losses and metrics.
 */
final class GraphCall {
    private GraphCall() {}

    /** @param nodes every tensor between {@code inputs} and {@code outputs}, each after its inputs */
    static Functional.Outputs run(List<KerasTensor> inputs, List<KerasTensor> nodes, List<KerasTensor> outputs,
                                  List<Tensor> ins, boolean training) {
        Map<KerasTensor, Tensor> values = new IdentityHashMap<>(), masks = new IdentityHashMap<>();
        Map<Object, List<Tensor>> calls = new IdentityHashMap<>(); // the outputs of each call of a layer of several outputs
        Map<Object, Tensor> callMasks = new IdentityHashMap<>();    // and the mask of its first output
        for (int i = 0; i < inputs.size(); i++) values.put(inputs.get(i), ins.get(i));
        for (KerasTensor t : nodes) {
            List<Tensor> done = calls.get(t.call());
            if (done != null) {
                values.put(t, done.get(t.index()));
                if (t.index() == 0 && callMasks.get(t.call()) != null) masks.put(t, callMasks.get(t.call()));
                continue;
            }
            List<Tensor> args = new ArrayList<>();
            Tensor mask = null;
            for (KerasTensor in : t.inputs()) {
                args.add(values.get(in));
                if (masks.get(in) != null) mask = masks.get(in);
            }
            Object p = t.producer();
            Tensor y;
            if (p instanceof Merge m) {
                if (mask != null) throw new UnsupportedOperationException(m.describe() + ": merging masked inputs is not supported yet");
                y = m.call(args, training);
            } else if (p instanceof Functional f) {
                if (mask != null) throw new UnsupportedOperationException("Functional '" + f.name() + "': masked inputs are not supported yet");
                y = f.call(args, training).get(0);
            } else {
                Layer l = (Layer) p;
                if (mask != null && !l.supportsMasking()) {
                    throw new UnsupportedOperationException(l.describe() + ": its input carries a mask (Embedding mask_zero or"
                            + " Masking), which this layer does not support yet");
                }
                Tensor x = args.get(0);
                List<Tensor> ys = l.callAll(args, mask, training);
                calls.put(t.call(), ys);
                y = ys.get(t.index());
                Tensor m = l.computeMask(x, mask); // the first output's: a returned state carries no mask
                if (m != null) callMasks.put(t.call(), m);
                if (m != null && t.index() == 0) masks.put(t, m);
            }
            values.put(t, y);
        }
        List<Tensor> outs = new ArrayList<>(), outMasks = new ArrayList<>();
        for (KerasTensor o : outputs) {
            Tensor v = values.get(o), m = masks.get(o);
            if (m != null && m.rowSize() * v.dim(-1) != v.rowSize()) {
                throw new UnsupportedOperationException("output " + o.name() + " of shape " + NDArray.shapeString(v.shape())
                        + " carries a mask of shape " + NDArray.shapeString(m.shape())
                        + " that does not give one value per step; losses cannot leave its masked steps out");
            }
            outs.add(v);
            outMasks.add(m);
        }
        return new Functional.Outputs(outs, outMasks);
    }
}
