package io.keras4j.spark;

import io.keras4j.NDArray;
import io.keras4j.layers.Layer;
import io.keras4j.losses.Loss;
import io.keras4j.models.DistributedStep;
import io.keras4j.models.Model;
import io.keras4j.models.Sequential;
import io.keras4j.optimizers.SGD;
import java.io.Serializable;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * What an executor needs to rebuild a copy of the driver's model: each layer's class and Keras
 * config ({@code X.fromConfig(x.getConfig())}), the input shape, the loss, the metric names and
 * the weights. Shipped once per {@code fit} or {@code predict} (by broadcast); the copies are cached
 * per executor by {@link #id} in {@link Workers}.
 */
final class ModelSpec implements Serializable {
    private static final long serialVersionUID = 1L;

    final String id = UUID.randomUUID().toString();
    private final List<String> layerClasses = new ArrayList<>();
    private final List<LinkedHashMap<String, Object>> configs = new ArrayList<>();
    final int[] inputShape;
    private final String lossClass;
    private final List<String> metrics;
    private final float[][] weights;
    private final int[][] shapes;
    /** The optimizer the copies compile with ({@code "averaging"} mode, {@link OptimizerState#config}); null: a plain SGD, never stepped. */
    byte[] optimizer;

    private ModelSpec(Sequential m, String lossClass, List<String> metrics) {
        this.inputShape = m.inputShape();
        for (Layer l : m.layers()) {
            layerClasses.add(l.getClass().getName());
            configs.add(new LinkedHashMap<>(l.getConfig()));
        }
        this.lossClass = lossClass;
        this.metrics = List.copyOf(metrics);
        List<NDArray> w = m.getWeights();
        weights = new float[w.size()][];
        shapes = new int[w.size()][];
        for (int i = 0; i < w.size(); i++) {
            weights[i] = w.get(i).toFloatArray();
            shapes[i] = w.get(i).shape();
        }
    }

    /**
     * The spec of a built {@link Sequential} (compiled when {@code training}); checks here, on the
     * driver, that every layer and the loss can be rebuilt, so a model that cannot travel fails
     * before any job runs.
     */
    static ModelSpec of(Model model, boolean training) {
        if (!(model instanceof Sequential s)) {
            throw new IllegalArgumentException("SparkModel supports Sequential models, got " + model);
        }
        if (s.inputShape() == null) {
            throw new IllegalArgumentException("Sequential '" + s.name() + "' has no input shape yet; give its first layer inputShape(...)");
        }
        String lossClass = null;
        List<String> metrics = List.of();
        if (training) {
            if (s.getOptimizer() == null) {
                throw new IllegalStateException("You must call compile() before fit() on Sequential '" + s.name() + "'");
            }
            Loss loss = lossOf(s);
            lossClass = loss.getClass().getName();
            checkLoss(loss);
            metrics = metricsOf(s);
        }
        ModelSpec spec = new ModelSpec(s, lossClass, metrics);
        for (int i = 0; i < spec.layerClasses.size(); i++) spec.layer(i); // each layer rebuilds
        return spec;
    }

    /** A fresh copy of the model with the spec's weights (compiled with the loss when training). */
    Sequential newModel() {
        Sequential m = new Sequential();
        for (int i = 0; i < layerClasses.size(); i++) m.add(layer(i));
        if (lossClass != null) {
            m.compile(optimizer != null ? OptimizerState.newOptimizer(optimizer) : new SGD(), newLoss(lossClass), metrics.toArray(new String[0]));
        }
        return m;
    }

    /** A {@link DistributedStep} over a fresh copy, for targets of {@code yRowShape}, batches up to {@code capacity}. */
    DistributedStep newStep(int[] yRowShape, int capacity) {
        Sequential m = newModel();
        DistributedStep d = new DistributedStep(m, inputShape, yRowShape, capacity);
        setWeights(m);
        return d;
    }

    /** Sets {@code m}'s weights to the spec's (the model must be built). */
    void setWeights(Model m) {
        List<NDArray> w = new ArrayList<>();
        for (int i = 0; i < weights.length; i++) w.add(NDArray.of(weights[i], shapes[i]));
        m.setWeights(w);
    }

    /**
     * Layer {@code i} rebuilt from its config, with its input shape, and its initializers set to
     * zeros: the weights come from the driver, and building then draws no random numbers (in
     * local mode the executors share the driver's JVM, and its global generator must advance as
     * in {@code fit}, which shuffles with it).
     */
    private Layer layer(int i) {
        String cls = layerClasses.get(i);
        Map<String, Object> c = new LinkedHashMap<>(configs.get(i));
        for (Map.Entry<String, Object> e : c.entrySet()) {
            if (e.getKey().endsWith("_initializer") && e.getValue() instanceof String) e.setValue("zeros");
        }
        Layer l;
        try {
            l = (Layer) Class.forName(cls).getMethod("fromConfig", Map.class).invoke(null, c);
        } catch (ReflectiveOperationException | RuntimeException ex) {
            throw new IllegalArgumentException("layer " + cls + " cannot be rebuilt on an executor from its config "
                    + "(it needs a public static fromConfig(Map)): " + ex, ex);
        }
        if (i == 0) {
            try {
                l.getClass().getMethod("inputShape", int[].class).invoke(l, (Object) inputShape);
            } catch (ReflectiveOperationException ex) {
                throw new IllegalArgumentException("layer " + cls + " has no inputShape(int...) to start a Sequential", ex);
            }
        }
        return l;
    }

    private static Loss lossOf(Sequential s) {
        return DistributedStep.lossOf(s);
    }

    private static List<String> metricsOf(Sequential s) {
        return DistributedStep.metricNamesOf(s);
    }

    private static Loss newLoss(String cls) {
        try {
            return (Loss) Class.forName(cls).getConstructor().newInstance();
        } catch (ReflectiveOperationException ex) {
            throw new IllegalArgumentException("loss " + cls + " needs a public no-argument constructor to travel to the executors", ex);
        }
    }

    /** The loss rebuilds by its class's no-argument constructor only when it has no other settings (fromLogits ...). */
    private static void checkLoss(Loss loss) {
        Loss fresh = newLoss(loss.getClass().getName());
        for (Class<?> c = loss.getClass(); c != Loss.class && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) continue;
                try {
                    f.setAccessible(true);
                    if (!Objects.equals(f.get(loss), f.get(fresh))) {
                        throw new IllegalArgumentException("loss " + loss.name() + " with " + f.getName() + "=" + f.get(loss)
                                + " cannot be rebuilt on the executors (only its defaults travel); compile with its default settings");
                    }
                } catch (IllegalAccessException | RuntimeException ex) {
                    if (ex instanceof IllegalArgumentException iae) throw iae;
                }
            }
        }
    }
}
