package io.keras4j.engine.kernels;

import java.lang.System.Logger.Level;

/**
 * Chooses the kernels once per JVM, in the manner of Apache Lucene's VectorizationProvider:
 * the Vector API implementation is loaded reflectively when the {@code jdk.incubator.vector}
 * module is present (run with {@code --add-modules jdk.incubator.vector}); otherwise the scalar
 * reference runs. The choice is one {@link System.Logger} record (logger {@code io.keras4j}, so
 * SLF4J or java.util.logging users route it), at {@code DEBUG}: silent by default, so that a
 * program with {@code verbose(0)} prints nothing. Only a failure to load the Vector API kernels
 * is a {@code WARNING}. To see the choice with java.util.logging:
 * {@code -Djava.util.logging.config.file=...} with {@code io.keras4j.level = FINE}.
 *
 * <p>{@code -Dkeras4j.kernels=scalar} forces the scalar path (for tests and debugging).
 */
public final class KernelsProvider {
    private static final System.Logger LOG = System.getLogger("io.keras4j");
    static final String VECTOR_IMPL = "io.keras4j.engine.kernels.vector.VectorKernels";
    private static volatile Kernels instance;

    private KernelsProvider() {}

    /** The kernels every op calls. */
    public static Kernels get() {
        Kernels k = instance;
        if (k == null) {
            synchronized (KernelsProvider.class) {
                if (instance == null) instance = choose();
                k = instance;
            }
        }
        return k;
    }

    /** The scalar reference kernels (always available). */
    public static Kernels scalar() {
        return new ScalarKernels();
    }

    /** The Vector API kernels, or null with the reason logged, when they cannot be loaded. */
    public static Kernels vectorOrNull() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) return null;
        try {
            Class<?> c = Class.forName(VECTOR_IMPL);
            return (Kernels) c.getDeclaredConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            LOG.log(Level.DEBUG, "keras4j: this build has no Vector API kernels; using scalar kernels");
            return null;
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            LOG.log(Level.WARNING, "keras4j: Vector API kernels could not be loaded (" + e + "); using scalar kernels");
            return null;
        }
    }

    /** Chooses the kernels and logs the choice in one record (package-private for its test). */
    static Kernels choose() {
        String forced = System.getProperty("keras4j.kernels", "").trim();
        if (forced.equalsIgnoreCase("scalar")) {
            LOG.log(Level.DEBUG, "keras4j: using scalar kernels (forced by -Dkeras4j.kernels=scalar)");
            return scalar();
        }
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            LOG.log(Level.DEBUG, "keras4j: using scalar kernels; the Vector API module is not present. "
                    + "Run java with --add-modules jdk.incubator.vector for the fast path.");
            return scalar();
        }
        Kernels v = vectorOrNull();
        if (v == null) return scalar();
        LOG.log(Level.DEBUG, "keras4j: using " + v.name() + " kernels");
        return v;
    }
}
