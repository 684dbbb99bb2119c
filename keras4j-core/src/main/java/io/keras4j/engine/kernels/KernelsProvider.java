package io.keras4j.engine.kernels;

import java.util.logging.Logger;

/**
 * Chooses the kernels once per JVM, in the manner of Apache Lucene's VectorizationProvider:
 * the Vector API implementation is loaded reflectively when the {@code jdk.incubator.vector}
 * module is present (run with {@code --add-modules jdk.incubator.vector}); otherwise the scalar
 * reference runs and one log line says why and how to turn the fast path on.
 *
 * <p>{@code -Dkeras4j.kernels=scalar} forces the scalar path (for tests and debugging).
 */
public final class KernelsProvider {
    private static final Logger LOG = Logger.getLogger("io.keras4j");
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
            LOG.info("keras4j: this build has no Vector API kernels; using scalar kernels");
            return null;
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            LOG.warning("keras4j: Vector API kernels could not be loaded (" + e + "); using scalar kernels");
            return null;
        }
    }

    private static Kernels choose() {
        String forced = System.getProperty("keras4j.kernels", "").trim();
        if (forced.equalsIgnoreCase("scalar")) {
            LOG.info("keras4j: using scalar kernels (forced by -Dkeras4j.kernels=scalar)");
            return scalar();
        }
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            LOG.info("keras4j: using scalar kernels; the Vector API module is not present. "
                    + "Run java with --add-modules jdk.incubator.vector for the fast path.");
            return scalar();
        }
        Kernels v = vectorOrNull();
        if (v == null) return scalar();
        LOG.info("keras4j: using " + v.name() + " kernels");
        return v;
    }
}
