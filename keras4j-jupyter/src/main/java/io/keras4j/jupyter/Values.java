package io.keras4j.jupyter;

/**
 * The hand-over of a cell's last value from JShell's code to the kernel. JShell's local engine
 * runs snippets in this JVM, in a class loader whose parent is the kernel's, so a snippet that
 * calls {@link #put} hands over the object itself (not its string), which the kernel then renders.
 * Public only because snippets must see it; not an API.
 */
public final class Values {
    private static Object value;

    private Values() {}

    /** Called by the generated snippet {@code io.keras4j.jupyter.Values.put($1)}. */
    public static void put(Object v) {
        value = v;
    }

    static Object take() {
        Object v = value;
        value = null;
        return v;
    }
}
