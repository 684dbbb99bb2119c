package io.keras4j.callbacks;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code keras.callbacks.ModelCheckpoint(filepath, monitor="val_loss", verbose=0,
 * save_best_only=False, save_weights_only=False, mode="auto", initial_value_threshold=None)}:
 * saves the model (a {@code .keras} file, or with {@link #saveWeightsOnly} a {@code .weights.h5})
 * at the end of every epoch, or with {@link #saveBestOnly} only when {@code monitor} improved.
 *
 * <p>The file path may hold Python format fields filled as Keras fills them with
 * {@code filepath.format(epoch=epoch + 1, **logs)}: {@code "ckpt-{epoch:02d}-{val_loss:.2f}.keras"}
 * gives {@code ckpt-03-0.41.keras}; a field without a format spec prints as Python's {@code str}.
 * <pre>{@code
 * model.fit(x, y, new FitOptions().epochs(10).validationSplit(0.2)
 *         .callbacks(new ModelCheckpoint(Path.of("best.keras")).saveBestOnly(true)));
 * }</pre>
 * Defaults: monitor {@code val_loss}, mode {@code auto} (max for accuracy-like monitors, min
 * otherwise), verbose 0. Each file is written atomically ({@link io.keras4j.models.Model#save}).
 */
public class ModelCheckpoint extends Callback {
    private static final Pattern FIELD = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)(?::([^}]*))?\\}");

    private final String filepath;
    private String monitor = "val_loss";
    private int verbose;
    private boolean saveBestOnly, saveWeightsOnly;
    private String mode = "auto";
    private Double initialValueThreshold;
    private double best;
    private boolean maximize;

    public ModelCheckpoint(Path filepath) {
        this(filepath.toString());
    }

    public ModelCheckpoint(String filepath) {
        if (filepath == null || filepath.isEmpty()) throw new IllegalArgumentException("ModelCheckpoint: filepath must not be empty");
        this.filepath = filepath;
    }

    /** The log to watch with {@link #saveBestOnly} (default {@code "val_loss"}). */
    public ModelCheckpoint monitor(String monitor) {
        this.monitor = monitor;
        return this;
    }

    /** 1 prints a line per save (default 0). */
    public ModelCheckpoint verbose(int verbose) {
        this.verbose = verbose;
        return this;
    }

    /** Save only when {@code monitor} improved on the best value so far (default false). */
    public ModelCheckpoint saveBestOnly(boolean b) {
        this.saveBestOnly = b;
        return this;
    }

    /** Save the weights alone ({@code .weights.h5}) instead of the whole model (default false). */
    public ModelCheckpoint saveWeightsOnly(boolean b) {
        this.saveWeightsOnly = b;
        return this;
    }

    /** {@code "auto"}, {@code "min"} or {@code "max"} (default auto). */
    public ModelCheckpoint mode(String mode) {
        if (!mode.equals("auto") && !mode.equals("min") && !mode.equals("max")) {
            throw new IllegalArgumentException("ModelCheckpoint: mode must be auto, min or max, got '" + mode + "'");
        }
        this.mode = mode;
        return this;
    }

    /** The value {@code monitor} must beat for the first save with {@link #saveBestOnly} (default none). */
    public ModelCheckpoint initialValueThreshold(double v) {
        this.initialValueThreshold = v;
        return this;
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        if (saveWeightsOnly && !filepath.endsWith(".weights.h5")) {
            throw new IllegalArgumentException("When using `save_weights_only=True` in `ModelCheckpoint`, the filepath "
                    + "provided must end in `.weights.h5` (Keras weights format). Received: filepath=" + filepath);
        }
        if (!saveWeightsOnly && !filepath.endsWith(".keras")) {
            throw new IllegalArgumentException("The filepath provided must end in `.keras` (Keras model format). Received: filepath="
                    + filepath);
        }
        String m = monitor.toLowerCase(Locale.ROOT);
        maximize = mode.equals("max") || (mode.equals("auto") && !m.contains("loss")
                && (m.contains("acc") || m.contains("auc") || m.contains("precision") || m.contains("recall") || m.contains("fmeasure")));
        best = initialValueThreshold != null ? initialValueThreshold : maximize ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        String path = format(filepath, epoch + 1, logs);
        if (saveBestOnly) {
            Double current = logs.get(monitor);
            if (current == null) {
                System.err.println("Can save best model only with " + monitor + " available, skipping.");
                return;
            }
            boolean better = maximize ? current > best : current < best;
            if (!better) {
                if (verbose > 0) {
                    System.out.printf(Locale.ROOT, "%nEpoch %d: %s did not improve from %.5f%n", epoch + 1, monitor, best);
                }
                return;
            }
            if (verbose > 0) {
                System.out.printf(Locale.ROOT, "%nEpoch %d: %s improved from %.5f to %.5f, saving model to %s%n", epoch + 1, monitor,
                        best, current, path);
            }
            best = current;
        } else if (verbose > 0) {
            System.out.printf(Locale.ROOT, "%nEpoch %d: saving model to %s%n", epoch + 1, path);
        }
        if (saveWeightsOnly) getModel().saveWeights(Path.of(path));
        else getModel().save(Path.of(path));
    }

    /** {@code pattern.format(epoch=epoch, **logs)} as Python formats it, for the fields and specs Keras users write. */
    public static String format(String pattern, int epoch, Map<String, Double> logs) {
        Matcher m = FIELD.matcher(pattern);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String key = m.group(1), spec = m.group(2);
            Object v;
            if (key.equals("epoch")) v = epoch;
            else if (logs.containsKey(key)) v = logs.get(key);
            else throw new IllegalArgumentException("ModelCheckpoint: failed to format filepath " + pattern + ": no '" + key + "' in the logs "
                    + logs.keySet());
            m.appendReplacement(out, Matcher.quoteReplacement(spec == null ? str(v) : formatSpec(v, spec, pattern)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static final Pattern SPEC = Pattern.compile("(0)?(\\d+)?(?:\\.(\\d+))?([dfFeEgG%])?");

    private static String formatSpec(Object v, String spec, String pattern) {
        Matcher s = SPEC.matcher(spec);
        if (!s.matches()) throw new IllegalArgumentException("ModelCheckpoint: unsupported format spec '" + spec + "' in " + pattern);
        boolean zero = s.group(1) != null;
        int width = s.group(2) == null ? 0 : Integer.parseInt(s.group(2));
        String prec = s.group(3), type = s.group(4);
        String body;
        if (type == null && prec == null) body = str(v);
        else if ("d".equals(type)) {
            if (!(v instanceof Integer)) throw new IllegalArgumentException("Unknown format code 'd' for object of type 'float'");
            body = Integer.toString((Integer) v);
        } else {
            double d = ((Number) v).doubleValue();
            int p = prec == null ? 6 : Integer.parseInt(prec);
            String t = type == null ? "g" : type;
            switch (t) {
                case "f": case "F": body = fixed(d, p); break;
                case "e": case "E": body = pythonExp(String.format(Locale.ROOT, "%." + p + "e", d), t.equals("E")); break;
                case "%": body = fixed(d * 100, p) + "%"; break;
                default: body = pythonG(d, Math.max(p, 1));
            }
        }
        if (body.length() < width) {
            String pad = (zero ? "0" : " ").repeat(width - body.length());
            boolean neg = body.startsWith("-");
            body = zero && neg ? "-" + pad + body.substring(1) : (v instanceof Number && !(v instanceof String)) ? pad + body : body + pad;
        }
        return body;
    }

    /** Python's fixed-point: the double's exact binary value rounded half-even (Java's %f rounds its shortest decimal half-up). */
    private static String fixed(double d, int p) {
        if (Double.isNaN(d)) return "nan";
        if (Double.isInfinite(d)) return d > 0 ? "inf" : "-inf";
        String s = new BigDecimal(d).setScale(p, java.math.RoundingMode.HALF_EVEN).toPlainString();
        return d < 0 && !s.startsWith("-") ? "-" + s : s;
    }

    /** Java writes {@code 1.5e+00}; Python too, with at least two exponent digits: the same. */
    private static String pythonExp(String javaE, boolean upper) {
        return upper ? javaE.toUpperCase(Locale.ROOT) : javaE;
    }

    private static String pythonG(double d, int p) {
        if (d == 0) return "0";
        int exp = (int) Math.floor(Math.log10(Math.abs(d)));
        String s;
        if (exp < -4 || exp >= p) {
            s = String.format(Locale.ROOT, "%." + (p - 1) + "e", d);
            String mant = s.substring(0, s.indexOf('e')), e = s.substring(s.indexOf('e'));
            if (mant.contains(".")) mant = mant.replaceAll("0+$", "").replaceAll("\\.$", "");
            return mant + e;
        }
        s = new BigDecimal(d).round(new java.math.MathContext(p)).stripTrailingZeros().toPlainString();
        return s;
    }

    /** Python's {@code str(x)}: ints as digits, floats as the shortest repr ({@code 0.1}, {@code 1e-05}, {@code 2.0}). */
    static String str(Object v) {
        if (v instanceof Integer || v instanceof Long) return v.toString();
        double d = ((Number) v).doubleValue();
        if (Double.isNaN(d)) return "nan";
        if (Double.isInfinite(d)) return d > 0 ? "inf" : "-inf";
        BigDecimal b = new BigDecimal(Double.toString(d));
        int exp = b.precision() - b.scale() - 1;
        if (d != 0 && (exp < -4 || exp >= 16)) {
            String digits = b.unscaledValue().abs().toString().replaceAll("0+$", "");
            String mant = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return (d < 0 ? "-" : "") + mant + "e" + (exp < 0 ? "-" : "+") + String.format(Locale.ROOT, "%02d", Math.abs(exp));
        }
        String s = b.stripTrailingZeros().toPlainString();
        if (!s.contains(".")) s += ".0";
        return s;
    }
}
