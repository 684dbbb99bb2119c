package io.keras4j.callbacks;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * {@code keras.callbacks.ProgbarLogger}: the progress output of {@code fit}, as Keras 3 prints it.
 * <pre>
 * Epoch 1/200
 * 100/100 ━━━━━━━━━━━━━━━━━━━━ 0s 21us/step - accuracy: 0.7421 - loss: 0.5630
 * </pre>
 * {@code verbose=1}: a bar redrawn in place on a terminal (at most every 50 ms); when the output
 * is not a terminal, only each epoch's final line. {@code verbose=2}: one line per epoch,
 * {@code 100/100 - 0s - 21us/step - accuracy: ... - loss: ...}. Metrics are printed in Keras's
 * (sorted) order with 4 decimals. No {@code Epoch 1/1} header when there is one epoch.
 * {@code evaluate} and {@code predict} draw their own bar through the test and predict hooks;
 * inside {@code fit} the validation's test hooks print nothing, as in Keras. With an unknown
 * number of steps ({@code steps} 0: a stream of batches) the final line counts the steps seen.
 */
public class ProgbarLogger extends Callback {
    private static final int WIDTH = 20;
    private static final long INTERVAL_NS = 50_000_000L;

    private final PrintStream out;
    private final boolean dynamic;
    private final char barChar;
    private int epochs, steps, verbose;
    private long start, afterFirst, lastUpdate;
    private int prevWidth;
    private boolean calledInFit;
    private int seen;

    /**
     * Prints to {@code System.out}, redrawing in place on a terminal, or where
     * {@code -Dkeras4j.dynamicDisplay=true} says the output shows carriage returns (a notebook, as
     * Keras redraws under ipykernel).
     */
    public ProgbarLogger() {
        this(System.out, System.console() != null || Boolean.getBoolean("keras4j.dynamicDisplay"));
    }

    /** For tests and redirection: {@code dynamic} = redraw in place with {@code \r} and colours. */
    public ProgbarLogger(PrintStream out, boolean dynamic) {
        this.out = out;
        this.dynamic = dynamic;
        this.barChar = Console.unicode() ? '\u2501' : '=';
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        readParams();
        calledInFit = true;
    }

    private void readParams() {
        Map<String, Object> p = getParams();
        epochs = (Integer) p.getOrDefault("epochs", 1);
        steps = (Integer) p.getOrDefault("steps", 0);
        verbose = (Integer) p.getOrDefault("verbose", 1);
    }

    private void reset() {
        start = System.nanoTime();
        afterFirst = 0;
        lastUpdate = 0;
        prevWidth = 0;
        seen = 0;
    }

    @Override
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
        if (epochs > 1) out.println("Epoch " + (epoch + 1) + "/" + epochs);
        reset();
    }

    @Override
    public void onTestBegin(Map<String, Double> logs) {
        if (calledInFit) return;
        readParams();
        reset();
    }

    @Override
    public void onTestBatchEnd(int batch, Map<String, Double> logs) {
        if (!calledInFit) onTrainBatchEnd(batch, logs);
    }

    @Override
    public void onTestEnd(Map<String, Double> logs) {
        if (!calledInFit) finish(logs);
    }

    @Override
    public void onPredictBegin(Map<String, Double> logs) {
        readParams();
        reset();
    }

    @Override
    public void onPredictBatchEnd(int batch, Map<String, Double> logs) {
        onTrainBatchEnd(batch, Map.of());
    }

    @Override
    public void onPredictEnd(Map<String, Double> logs) {
        finish(Map.of());
    }

    @Override
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        long now = System.nanoTime();
        seen = batch + 1;
        if (batch == 0) afterFirst = now;
        if (verbose != 1 || !dynamic || now - lastUpdate < INTERVAL_NS) return;
        lastUpdate = now;
        print(batch + 1, logs, false, now);
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        finish(logs);
    }

    private void finish(Map<String, Double> logs) {
        if (steps == 0) steps = seen;
        print(steps, logs, true, System.nanoTime());
    }

    private void print(int current, Map<String, Double> logs, boolean finalize, long now) {
        double perStep = perStep(current, now);
        String count = String.format(Locale.ROOT, "%" + digits(steps) + "d/%d", current, steps);
        StringBuilder info = new StringBuilder();
        if (verbose == 2) {
            info.append(count).append(" - ").append(seconds(now - start)).append(" -").append(formatTime(perStep));
            metrics(info, logs);
            out.println(info);
            return;
        }
        if (steps == 0) {
            out.print((dynamic ? "\r" : "") + current + "/Unknown " + eta(perStep * current) + formatTime(perStep));
            out.flush();
            return;
        }
        int filled = (int) (WIDTH * (double) current / steps);
        String bar = String.valueOf(barChar).repeat(filled);
        String rest = String.valueOf(barChar).repeat(WIDTH - filled);
        String time = finalize ? seconds(now - start) : eta(perStep * (steps - current));
        info.append(' ').append(time).append(formatTime(perStep));
        metrics(info, logs);
        String plain = count + " " + bar + rest + info;
        StringBuilder line = new StringBuilder();
        if (dynamic) {
            line.append('\r').append("\u001b[1m").append(count).append("\u001b[0m ")
                .append("\u001b[32m").append(bar).append("\u001b[0m")
                .append("\u001b[37m").append(rest).append("\u001b[0m").append(info);
            if (prevWidth > plain.length()) line.append(" ".repeat(prevWidth - plain.length()));
            prevWidth = plain.length();
        } else {
            line.append(plain);
        }
        if (finalize) out.println(line);
        else out.print(line);
        out.flush();
    }

    private static void metrics(StringBuilder sb, Map<String, Double> logs) {
        for (Map.Entry<String, Double> e : new java.util.TreeMap<>(logs).entrySet()) {
            double v = e.getValue();
            sb.append(" - ").append(e.getKey()).append(": ")
              .append(Math.abs(v) > 1e-3 ? String.format(Locale.ROOT, "%.4f", v) : String.format(Locale.ROOT, "%.4e", v));
        }
    }

    /** Seconds per step, ignoring the first (compile-like) step once there are more, as Keras. */
    private double perStep(int current, long now) {
        if (current <= 0) return 0;
        if (afterFirst != 0 && current > 1) return (now - afterFirst) / 1e9 / (current - 1);
        return (now - start) / 1e9 / current;
    }

    private static String seconds(long ns) {
        return String.format(Locale.ROOT, "%.0fs", ns / 1e9);
    }

    private static String eta(double s) {
        if (s > 3600) return String.format(Locale.ROOT, "%d:%02d:%02d", (long) s / 3600, ((long) s % 3600) / 60, (long) s % 60);
        if (s > 60) return String.format(Locale.ROOT, "%d:%02d", (long) s / 60, (long) s % 60);
        return String.format(Locale.ROOT, "%ds", (long) s);
    }

    /** Keras's {@code _format_time}: {@code " 3s/step"}, {@code " 12ms/step"} or {@code " 40us/step"}. */
    static String formatTime(double perUnit) {
        if (perUnit >= 1 || perUnit == 0) return String.format(Locale.ROOT, " %.0fs/step", perUnit);
        if (perUnit >= 1e-3) return String.format(Locale.ROOT, " %.0fms/step", perUnit * 1e3);
        return String.format(Locale.ROOT, " %.0fus/step", perUnit * 1e6);
    }

    private static int digits(int n) {
        return n <= 0 ? 1 : (int) Math.log10(n) + 1;
    }
}
