package io.keras4j.layers;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The layer registry: a layer from its Keras class name and config, as Keras's
 * {@code deserialize_keras_object} in {@code safe_mode}. Loading never runs code from the file:
 * a class is found only among keras4j's own layers ({@code io.keras4j.layers.<ClassName>}, a
 * subclass of {@link Layer} with {@code public static <ClassName> fromConfig(Map<String, Object>)}),
 * or among the factories registered with {@link #register}; {@code Lambda} and anything else are
 * refused with a message naming the class.
 *
 * <p>The convention every layer follows: {@link Layer#getConfig()} returns Keras 3's config keys in
 * snake_case, and {@code fromConfig} builds an equal layer from such a map (see {@link LayerConfig}).
 * <pre>{@code
 * Layers.register("MyScale", c -> new MyScale(((Number) c.get("factor")).floatValue()));
 * Model m = Models.loadModel(Path.of("custom.keras"));
 * }</pre>
 */
public final class Layers {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]{1,100}");
    private static final Map<String, Function<Map<String, Object>, Layer>> CUSTOM = new ConcurrentHashMap<>();
    /** Classes of this package that are not layers a file may name. */
    private static final Set<String> NOT_LAYERS = Set.of("Layer", "Layers", "LayerConfig", "Merge");

    private Layers() {}

    /** Registers a factory for a custom layer class (Keras's {@code custom_objects}); it wins over built-in classes. */
    public static void register(String className, Function<Map<String, Object>, Layer> factory) {
        if (className == null || !NAME.matcher(className).matches()) {
            throw new IllegalArgumentException("a layer class name must match [A-Za-z0-9_]+, got '" + className + "'");
        }
        if (factory == null) throw new IllegalArgumentException("the factory for '" + className + "' must not be null");
        CUSTOM.put(className, factory);
    }

    /** Forgets a registered custom class. */
    public static void unregister(String className) {
        CUSTOM.remove(className);
    }

    /** Whether {@link #fromConfig} can build {@code className}. */
    public static boolean isKnown(String className) {
        if (className == null || !NAME.matcher(className).matches()) return false;
        return CUSTOM.containsKey(className) || factoryMethod(className) != null;
    }

    /**
     * The layer of class {@code className} built from {@code config}.
     *
     * @throws IllegalArgumentException naming the class when it is unknown, not allowed (Lambda) or the config is invalid
     */
    public static Layer fromConfig(String className, Map<String, Object> config) {
        if (className == null || !NAME.matcher(className).matches()) {
            throw new IllegalArgumentException("'" + className + "' is not a valid layer class name");
        }
        if (className.equals("Lambda")) {
            throw new IllegalArgumentException("Lambda layers hold Python code and are refused (Keras's safe_mode); "
                    + "rewrite the layer as a Java Layer and register it with Layers.register(\"Lambda\", ...) to load it");
        }
        Function<Map<String, Object>, Layer> custom = CUSTOM.get(className);
        if (custom != null) return custom.apply(config);
        Method m = factoryMethod(className);
        if (m == null) {
            throw new IllegalArgumentException("Unknown layer class '" + className + "': keras4j has no such layer; "
                    + "register a factory with Layers.register(\"" + className + "\", config -> ...)");
        }
        try {
            return (Layer) m.invoke(null, config);
        } catch (InvocationTargetException e) {
            Throwable t = e.getCause();
            if (t instanceof IllegalArgumentException) throw (IllegalArgumentException) t;
            throw new IllegalArgumentException(className + ": invalid config: " + t, t);
        } catch (IllegalAccessException e) {
            throw new IllegalArgumentException(className + ": fromConfig is not accessible", e);
        }
    }

    private static Method factoryMethod(String className) {
        if (NOT_LAYERS.contains(className)) return null;
        Class<?> c;
        try {
            c = Class.forName(Layers.class.getPackageName() + "." + className, false, Layers.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
        if (!Layer.class.isAssignableFrom(c) || Modifier.isAbstract(c.getModifiers()) || !Modifier.isPublic(c.getModifiers())) return null;
        try {
            Method m = c.getMethod("fromConfig", Map.class);
            if (!Modifier.isStatic(m.getModifiers()) || !Layer.class.isAssignableFrom(m.getReturnType())) return null;
            return m;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }
}
