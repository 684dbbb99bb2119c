package io.keras4j.spark;

import io.keras4j.optimizers.Optimizer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.List;

/**
 * What {@code "averaging"} mode ships of an {@link Optimizer}, through its public state accessors
 * (Keras's {@code optimizer.iterations}, {@code learning_rate} and {@code variables}):
 * <ul>
 * <li>{@link #config}: the optimizer itself, Java-serialized once per fit on the driver (its class,
 *     hyper-parameters and schedule), from which each executor makes its copies;</li>
 * <li>{@link #of}: a snapshot of the state, shipped every round, averaged back on the driver.</li>
 * </ul>
 */
final class OptimizerState implements Serializable {
    private static final long serialVersionUID = 2L;

    private long iterations;
    /** The learning rate set (NaN with a schedule, whose rate follows {@code iterations}). */
    private final double learningRate;
    private final float[][] variables;

    private OptimizerState(long iterations, double learningRate, float[][] variables) {
        this.iterations = iterations;
        this.learningRate = learningRate;
        this.variables = variables;
    }

    /** A copy of {@code o}'s state: iterations, learning rate (a callback may have changed it), variables. */
    static OptimizerState of(Optimizer o) {
        List<float[]> v = o.variables();
        float[][] copy = new float[v.size()][];
        for (int i = 0; i < copy.length; i++) copy[i] = v.get(i).clone();
        return new OptimizerState(o.iterations(), o.getLearningRateSchedule() == null ? o.getLearningRate() : Double.NaN, copy);
    }

    /** Overwrites the state of {@code o} (an optimizer of the same settings, built for the same model) with this one. */
    void applyTo(Optimizer o) {
        List<float[]> v = o.variables();
        if (v.size() != variables.length) {
            throw new IllegalStateException("optimizer " + o.name() + " has " + v.size() + " state variables, the state " + variables.length);
        }
        for (int i = 0; i < variables.length; i++) System.arraycopy(variables[i], 0, v.get(i), 0, variables[i].length);
        o.setIterations(iterations);
        if (!Double.isNaN(learningRate)) o.learningRate(learningRate);
    }

    /** The state variables (this snapshot's arrays, not copies): slots, then the EMA. */
    float[][] variables() {
        return variables;
    }

    long iterations() {
        return iterations;
    }

    void iterations(long t) {
        iterations = t;
    }

    /**
     * {@code o} serialized: its class and hyper-parameters (and its state, which the copies
     * overwrite). Fails here, on the driver, for an optimizer that cannot travel (a schedule
     * holding a non-serializable object).
     */
    static byte[] config(Optimizer o) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        } catch (IOException e) {
            throw new IllegalArgumentException("optimizer " + o.name() + " cannot travel to the executors: " + e, e);
        }
        return bytes.toByteArray();
    }

    /** A new optimizer from {@link #config}'s bytes. */
    static Optimizer newOptimizer(byte[] config) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(config)) {
            @Override
            protected Class<?> resolveClass(java.io.ObjectStreamClass d) throws IOException, ClassNotFoundException {
                // the task's class loader: it sees the application jars (the optimizer's class) on an executor
                return Class.forName(d.getName(), false, Thread.currentThread().getContextClassLoader());
            }
        }) {
            return (Optimizer) in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("cannot rebuild the optimizer on an executor: " + e, e);
        }
    }
}
