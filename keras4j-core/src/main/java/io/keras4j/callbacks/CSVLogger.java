package io.keras4j.callbacks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code keras.callbacks.CSVLogger}: writes one row per epoch to a CSV file, as Keras 3 does:
 * the columns are {@code epoch} then the first epoch's log keys sorted by name (plus a
 * {@code val_} twin of each when the first epoch had no validation, for {@code validationFreq});
 * a key missing from an epoch's logs is written {@code NA}; numbers as Python prints floats
 * ({@code 0.6931471805599453}, {@code 1e-05}); lines end with {@code \r\n} (Python's
 * {@code csv.excel} dialect). {@code append(true)} adds to an existing file, writing the header
 * only when the file is empty or new. Defaults: separator {@code ","}, {@code append=false}.
 */
public class CSVLogger extends Callback {
    private final Path filename;
    private String separator = ",";
    private boolean append;

    private BufferedWriter out;
    private List<String> keys;
    private boolean header;

    public CSVLogger(Path filename) {
        if (filename == null) throw new IllegalArgumentException("CSVLogger: filename must not be null");
        this.filename = filename;
    }

    /** The string that separates the columns. */
    public CSVLogger separator(String separator) {
        if (separator == null || separator.isEmpty()) throw new IllegalArgumentException("CSVLogger: separator must not be empty");
        this.separator = separator;
        return this;
    }

    /** Whether to append to an existing file instead of overwriting it. */
    public CSVLogger append(boolean append) {
        this.append = append;
        return this;
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        try {
            header = true;
            if (append && Files.exists(filename)) {
                try (var r = Files.newBufferedReader(filename, StandardCharsets.UTF_8)) {
                    header = r.read() < 0; // Keras: a header only when the file is empty
                }
            }
            out = append
                    ? Files.newBufferedWriter(filename, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)
                    : Files.newBufferedWriter(filename, StandardCharsets.UTF_8);
            keys = null;
        } catch (IOException e) {
            throw new UncheckedIOException("CSVLogger: cannot open " + filename, e);
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        try {
            if (keys == null) {
                keys = new ArrayList<>(new TreeSet<>(logs.keySet()));
                if (keys.stream().noneMatch(k -> k.startsWith("val_"))) {
                    List<String> val = new ArrayList<>();
                    for (String k : keys) val.add("val_" + k);
                    keys.addAll(val);
                }
                if (header) {
                    out.write("epoch");
                    for (String k : keys) out.write(separator + k);
                    out.write("\r\n");
                }
            }
            out.write(Integer.toString(epoch));
            for (String k : keys) {
                Double v = logs.get(k);
                out.write(separator + (v == null ? "NA" : pyRepr(v)));
            }
            out.write("\r\n");
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("CSVLogger: cannot write " + filename, e);
        }
    }

    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        try {
            if (out != null) out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("CSVLogger: cannot close " + filename, e);
        } finally {
            out = null;
        }
    }

    /**
     * Python's {@code repr} of a float: the shortest digits that read back to {@code v}, in
     * scientific notation when the exponent is below -4 or at least 16 ({@code 1e-05},
     * {@code 1.5e+16}), else positional with at least one decimal ({@code 2.0}, {@code 0.0001}).
     */
    static String pyRepr(double v) {
        if (Double.isNaN(v)) return "nan";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        if (v == 0) return 1 / v < 0 ? "-0.0" : "0.0";
        BigDecimal bd = new BigDecimal(Double.toString(Math.abs(v))).stripTrailingZeros();
        String digits = bd.unscaledValue().toString();
        int exp = digits.length() - 1 - bd.scale();
        String sign = v < 0 ? "-" : "";
        if (exp < -4 || exp >= 16) {
            String mant = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return sign + mant + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
        }
        if (exp >= digits.length() - 1) return sign + digits + "0".repeat(exp - digits.length() + 1) + ".0";
        if (exp >= 0) return sign + digits.substring(0, exp + 1) + "." + digits.substring(exp + 1);
        return sign + "0." + "0".repeat(-exp - 1) + digits;
    }
}
