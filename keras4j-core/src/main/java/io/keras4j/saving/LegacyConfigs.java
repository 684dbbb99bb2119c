package io.keras4j.saving;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Converts a layer config as Keras 1, Keras 2 or Keras 3 wrote it into the Keras 3 form every
 * keras4j layer's {@code fromConfig} reads, so layers only know Keras 3:
 * <ul>
 * <li>Keras 1 class names ({@code Convolution1D} to {@code Conv1D}, {@code AtrousConvolution1D} to
 * {@code Conv1D} with {@code dilation_rate}) and keys ({@code output_dim} to {@code units},
 * {@code nb_filter} to {@code filters}, {@code filter_length}/{@code nb_row, nb_col} to
 * {@code kernel_size}, {@code init} to {@code kernel_initializer}, {@code inner_init},
 * {@code border_mode} to {@code padding}, {@code subsample}/{@code subsample_length} to
 * {@code strides}, {@code pool_length} to {@code pool_size}, {@code bias} to {@code use_bias},
 * {@code inner_activation}, {@code dropout_W}/{@code dropout_U}, {@code stride}, Dropout's {@code p} to
 * {@code rate}, {@code dim_ordering} to
 * {@code data_format}, {@code forget_bias_init: "one"} to {@code unit_forget_bias});</li>
 * <li>Keras 2 and 3 serialized objects ({@code {"class_name": "VarianceScaling", "config": ...}})
 * for initializers to keras4j's initializer names, the {@code DTypePolicy} dict to its name,
 * {@code LeakyReLU}'s {@code alpha} to {@code negative_slope}.</li>
 * </ul>
 */
final class LegacyConfigs {
    private LegacyConfigs() {}

    private static final Map<String, String> CLASSES = Map.of(
            "Convolution1D", "Conv1D", "Convolution2D", "Conv2D", "AtrousConvolution1D", "Conv1D",
            "Deconvolution2D", "Conv2DTranspose", "Merge", "Merge");

    private static final Map<String, String> KEYS = new LinkedHashMap<>();

    static {
        KEYS.put("output_dim", "units");
        KEYS.put("nb_filter", "filters");
        KEYS.put("filter_length", "kernel_size");
        KEYS.put("init", "kernel_initializer");
        KEYS.put("inner_init", "recurrent_initializer");
        KEYS.put("border_mode", "padding");
        KEYS.put("subsample", "strides");
        KEYS.put("subsample_length", "strides");
        KEYS.put("pool_length", "pool_size");
        KEYS.put("bias", "use_bias");
        KEYS.put("inner_activation", "recurrent_activation");
        KEYS.put("dropout_W", "dropout");
        KEYS.put("dropout_U", "recurrent_dropout");
        KEYS.put("atrous_rate", "dilation_rate");
        KEYS.put("stride", "strides");
        KEYS.put("W_regularizer", "kernel_regularizer");
        KEYS.put("b_regularizer", "bias_regularizer");
        KEYS.put("U_regularizer", "recurrent_regularizer");
        KEYS.put("W_constraint", "kernel_constraint");
        KEYS.put("b_constraint", "bias_constraint");
        KEYS.put("U_constraint", "recurrent_constraint");
    }

    /** The Keras 3 class name of a (possibly Keras 1) class name. */
    static String className(String name) {
        return CLASSES.getOrDefault(name, name);
    }

    /** A Keras 3 config from {@code config} of class {@code originalClass}; the input is not modified. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> convert(String originalClass, Map<String, Object> config) {
        Map<String, Object> c = new LinkedHashMap<>();
        boolean embedding = originalClass.equals("Embedding");
        for (Map.Entry<String, Object> e : config.entrySet()) {
            // Embedding keeps Keras 1's output_dim: it is also Keras 3's name there
            String k = embedding && e.getKey().equals("output_dim") ? "output_dim" : KEYS.getOrDefault(e.getKey(), e.getKey());
            if (!c.containsKey(k) || !KEYS.containsKey(e.getKey())) c.put(k, e.getValue());
        }
        if (config.containsKey("nb_row") && config.containsKey("nb_col")) {
            c.remove("nb_row");
            c.remove("nb_col");
            c.put("kernel_size", List.of(config.get("nb_row"), config.get("nb_col")));
        }
        Object dimOrdering = c.remove("dim_ordering");
        if ("th".equals(dimOrdering)) c.put("data_format", "channels_first");
        else if ("tf".equals(dimOrdering)) c.put("data_format", "channels_last");
        Object fbi = c.remove("forget_bias_init");
        if (fbi != null) c.put("unit_forget_bias", "one".equals(fbi));
        if (originalClass.equals("AtrousConvolution1D") && !c.containsKey("dilation_rate")) c.put("dilation_rate", 1);
        if (originalClass.equals("Dropout") && c.containsKey("p") && !c.containsKey("rate")) c.put("rate", c.remove("p"));
        if (originalClass.equals("LeakyReLU") && c.containsKey("alpha") && !c.containsKey("negative_slope")) {
            c.put("negative_slope", c.remove("alpha"));
        }
        for (String k : List.of("input_dtype", "consume_less", "input_length", "input_dim")) {
            if (!k.equals("input_dim") || !originalClass.equals("Embedding")) c.remove(k);
        }
        for (Map.Entry<String, Object> e : c.entrySet()) {
            if (e.getKey().endsWith("_initializer")) e.setValue(initializer(e.getValue()));
            else if ((e.getKey().equals("layer") || e.getKey().equals("backward_layer")) && e.getValue() instanceof Map) {
                // a wrapper's layer, as Keras 3 serializes it: its config converted as this one
                Map<String, Object> inner = new LinkedHashMap<>((Map<String, Object>) e.getValue());
                if (inner.get("class_name") instanceof String && inner.get("config") instanceof Map) {
                    inner.put("config", convert((String) inner.get("class_name"), (Map<String, Object>) inner.get("config")));
                    e.setValue(inner);
                }
            }
        }
        Object dtype = c.get("dtype");
        if (dtype instanceof Map) {
            Object inner = ((Map<String, Object>) dtype).get("config");
            Object name = inner instanceof Map ? ((Map<String, Object>) inner).get("name") : null;
            c.put("dtype", name instanceof String ? name : "float32");
        }
        return c;
    }

    /** Whether a file's {@code keras_version} attribute is Keras 1 or 2's (absent: Keras 1, which did not always write it). */
    static boolean beforeKeras3(String kerasVersion) {
        return kerasVersion == null || kerasVersion.startsWith("1.") || kerasVersion.startsWith("2.");
    }

    /**
     * A copy of a Keras 1/2 model config with {@code "hard_sigmoid"} as the value of an
     * {@code activation}, {@code recurrent_activation} or {@code inner_activation} key (at any depth,
     * so wrapped layers too) renamed {@code "hard_sigmoid_keras2"}: Keras 1/2's hard sigmoid is
     * {@code clip(0.2 x + 0.5, 0, 1)}, Keras 3's {@code relu6(x + 3) / 6}, and an LSTM's gates differ
     * by far more than float error between the two.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> keras2Activations(Map<String, Object> config) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : config.entrySet()) {
            Object v = e.getValue();
            boolean act = e.getKey().equals("activation") || e.getKey().equals("recurrent_activation")
                    || e.getKey().equals("inner_activation");
            if (act && "hard_sigmoid".equals(v)) v = "hard_sigmoid_keras2";
            else if (v instanceof Map) v = keras2Activations((Map<String, Object>) v);
            else if (v instanceof List) v = keras2Activations((List<Object>) v);
            out.put(e.getKey(), v);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> keras2Activations(List<Object> list) {
        List<Object> out = new ArrayList<>(list.size());
        for (Object v : list) {
            if (v instanceof Map) v = keras2Activations((Map<String, Object>) v);
            else if (v instanceof List) v = keras2Activations((List<Object>) v);
            out.add(v);
        }
        return out;
    }

    /** keras4j's name for a serialized initializer: a string as is, a Keras 2/3 dict by class and config. */
    @SuppressWarnings("unchecked")
    static Object initializer(Object spec) {
        if (!(spec instanceof Map)) return spec;
        Map<String, Object> m = (Map<String, Object>) spec;
        Object cn = m.get("class_name");
        if (!(cn instanceof String)) return spec;
        String n = (String) cn;
        Map<String, Object> cfg = m.get("config") instanceof Map ? (Map<String, Object>) m.get("config") : Map.of();
        if (n.equals("VarianceScaling")) {
            Object mode = cfg.getOrDefault("mode", "fan_in"), dist = cfg.getOrDefault("distribution", "truncated_normal");
            double scale = cfg.get("scale") instanceof Number ? ((Number) cfg.get("scale")).doubleValue() : 1.0;
            boolean uniform = "uniform".equals(dist);
            if (scale == 1.0 && "fan_avg".equals(mode)) return uniform ? "glorot_uniform" : "glorot_normal";
            if (scale == 2.0 && "fan_in".equals(mode)) return uniform ? "he_uniform" : "he_normal";
            if (scale == 1.0 && "fan_in".equals(mode)) return uniform ? "lecun_uniform" : "lecun_normal";
            return uniform ? "glorot_uniform" : "glorot_normal";
        }
        return snake(n);
    }

    /** {@code GlorotUniform} to {@code glorot_uniform}. */
    static String snake(String camel) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < camel.length(); i++) {
            char ch = camel.charAt(i);
            if (Character.isUpperCase(ch) && i > 0) b.append('_');
            b.append(Character.toLowerCase(ch));
        }
        return b.toString();
    }

    /** {@code glorot_uniform} to {@code GlorotUniform}. */
    static String camel(String snake) {
        StringBuilder b = new StringBuilder();
        for (String part : snake.split("_")) {
            if (part.isEmpty()) continue;
            b.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
        }
        return b.toString();
    }

    /** A shape list ({@code [null, 28, 28]}) without its batch entry; null when absent or not fully known. */
    static int[] shapeWithoutBatch(Object v) {
        if (!(v instanceof List)) return null;
        List<?> l = (List<?>) v;
        if (l.isEmpty() || l.size() > 33) return null;
        List<Integer> out = new ArrayList<>();
        for (int i = 1; i < l.size(); i++) {
            Object d = l.get(i);
            if (!(d instanceof Number)) return null;
            long x = ((Number) d).longValue();
            if (x <= 0 || x > Integer.MAX_VALUE) return null;
            out.add((int) x);
        }
        int[] s = new int[out.size()];
        for (int i = 0; i < s.length; i++) s[i] = out.get(i);
        return s;
    }
}
