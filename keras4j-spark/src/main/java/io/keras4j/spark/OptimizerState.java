package io.keras4j.spark;

import io.keras4j.optimizers.Optimizer;
import java.io.Serializable;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * A serializable snapshot of an {@link Optimizer}: its class and every instance field
 * (hyper-parameters, {@code iterations}, the slot arrays), for {@code "averaging"} mode, where
 * each partition continues the driver's optimizer and the driver averages the slots back.
 *
 * <p>Read and written by reflection, since keras4j-core's optimizers are not serializable and
 * expose no state setter: a public state accessor on {@code Optimizer} would replace this class.
 * A field of a type that cannot travel (a learning-rate schedule object ...) fails on the driver.
 */
final class OptimizerState implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String cls;
    private final List<String> names = new ArrayList<>();
    private final List<Object> values = new ArrayList<>();

    private OptimizerState(String cls) {
        this.cls = cls;
    }

    static OptimizerState of(Optimizer o) {
        OptimizerState s = new OptimizerState(o.getClass().getName());
        for (Field f : fields(o.getClass())) {
            Object v = get(f, o);
            if (v != null && !(v instanceof Serializable) || v instanceof Object[] a && !(a instanceof float[][])) {
                throw new IllegalArgumentException("optimizer " + o.name() + ": field " + f.getName() + " ("
                        + f.getType().getSimpleName() + ") cannot travel to the executors");
            }
            s.names.add(f.getDeclaringClass().getName() + "#" + f.getName());
            s.values.add(copy(v));
        }
        return s;
    }

    /** A new optimizer of the same class with this state. */
    Optimizer newOptimizer() {
        try {
            Optimizer o = (Optimizer) Class.forName(cls).getConstructor().newInstance();
            applyTo(o);
            return o;
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("optimizer " + cls + " needs a public no-argument constructor", e);
        }
    }

    /** Overwrites {@code o}'s fields (hyper-parameters, iterations, slots) with this state. */
    void applyTo(Optimizer o) {
        for (Field f : fields(o.getClass())) {
            int i = names.indexOf(f.getDeclaringClass().getName() + "#" + f.getName());
            if (i < 0) continue;
            try {
                f.set(o, copy(values.get(i)));
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot set optimizer field " + f.getName(), e);
            }
        }
    }

    /** The slot arrays (shared, not copied). */
    float[][] slots() {
        return (float[][]) values.get(names.indexOf(Optimizer.class.getName() + "#slots"));
    }

    long iterations() {
        return (Long) values.get(names.indexOf(Optimizer.class.getName() + "#iterations"));
    }

    void iterations(long t) {
        values.set(names.indexOf(Optimizer.class.getName() + "#iterations"), t);
    }

    private static List<Field> fields(Class<?> c) {
        List<Field> out = new ArrayList<>();
        for (; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                int m = f.getModifiers();
                if (Modifier.isStatic(m) || Modifier.isTransient(m)) continue;
                f.setAccessible(true);
                out.add(f);
            }
        }
        return out;
    }

    private static Object get(Field f, Object o) {
        try {
            return f.get(o);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read optimizer field " + f.getName(), e);
        }
    }

    private static Object copy(Object v) {
        if (v instanceof float[][] a) {
            float[][] c = new float[a.length][];
            for (int i = 0; i < a.length; i++) c[i] = a[i].clone();
            return c;
        }
        return v;
    }
}
