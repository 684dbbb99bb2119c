package io.keras4j.plot;

import io.keras4j.NDArray;
import io.keras4j.callbacks.History;
import java.awt.Color;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The figures of a Keras notebook, as {@link Figure}s to save:
 * <pre>{@code
 * Plots.scatterByClass(xTrain, yTrain, "Training data").savePng(Path.of("train_data.png"));  // plt.scatter(X[:,0], X[:,1], c=y)
 * Plots.history(results, "loss").savePng(Path.of("loss.png"));                               // plt.plot(results.history['loss'])
 * Plots.scatterByClass(xTest, model.predict(xTest), "Predictions").savePng(Path.of("predictions.png"));
 * }</pre>
 * Figures are 640 x 480 pixels, white, with matplotlib's default colours ("tab10"): class
 * {@code c} and the {@code c}-th history series get the {@code c}-th colour, so the training data
 * and the predictions of one model are coloured alike.
 */
public final class Plots {
    /** matplotlib's default colour cycle ("tab10"). */
    static final Color[] TAB10 = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)};
    static final int WIDTH = 640, HEIGHT = 480;
    /** Series this short get a marker on each epoch, so a single epoch still shows. */
    private static final int MARKERS_UP_TO = 30;

    static {
        Headless.ensure();
    }

    private Plots() {}

    /**
     * A scatter of 2-D points coloured by class, one legend entry ({@code "class c"}) per class
     * present; x axis {@code x[0]}, y axis {@code x[1]}. Points with a NaN or infinite coordinate
     * are left out, as matplotlib does.
     *
     * @param points (n, 2) coordinates
     * @param labels (n,) class ids; or (n, k) one-hot rows or predicted probabilities (class =
     *     argmax, so {@code model.predict(x)} can be passed as is); or (n, 1) sigmoid
     *     probabilities (class = {@code p > 0.5})
     * @param title the chart title ({@code plt.title})
     * @throws IllegalArgumentException when points are not (n, 2) or the labels do not have n rows
     *     (the message names both shapes), or a label is not a class id
     */
    public static Figure scatterByClass(NDArray points, NDArray labels, String title) {
        if (points == null) throw new IllegalArgumentException("scatterByClass: points must not be null");
        int[] ps = points.shape();
        if (ps.length != 2 || ps[1] != 2) {
            throw new IllegalArgumentException("scatterByClass: points must have shape (n, 2), got "
                    + NDArray.shapeString(ps) + (labels == null ? "" : " (labels " + NDArray.shapeString(labels.shape()) + ")"));
        }
        int[] cls = ClassIds.of(labels, ps[0], ps);
        float[] xy = points.toFloatArray();
        Map<Integer, List<double[]>> byClass = new TreeMap<>();
        for (int i = 0; i < cls.length; i++) {
            double x = xy[2 * i], y = xy[2 * i + 1];
            if (Double.isFinite(x) && Double.isFinite(y)) byClass.computeIfAbsent(cls[i], c -> new ArrayList<>()).add(new double[] {x, y});
        }
        XYChart chart = chart(title, "x[0]", "x[1]");
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(4);
        for (Map.Entry<Integer, List<double[]>> e : byClass.entrySet()) {
            List<double[]> pts = e.getValue();
            double[] xs = new double[pts.size()], ys = new double[pts.size()];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = pts.get(i)[0];
                ys[i] = pts.get(i)[1];
            }
            XYSeries s = chart.addSeries("class " + e.getKey(), xs, ys);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(TAB10[e.getKey() % TAB10.length]);
        }
        return new Figure(chart);
    }

    /**
     * A line chart of {@code history}'s per-epoch values, one series per key ({@code loss},
     * {@code accuracy}, {@code val_loss} ...); all keys, in History's order, when none is given.
     * x axis {@code epoch} (0-based, as {@code plt.plot(results.history['loss'])} draws it), y axis
     * {@code value}; the title is the key when there is one, else {@code "training history"}.
     * NaN or infinite values (a diverged run) leave a gap in the line.
     *
     * @throws IllegalArgumentException when a key is not in the history (the message lists those that are)
     */
    public static Figure history(History history, String... keys) {
        if (history == null) throw new IllegalArgumentException("history must not be null");
        Map<String, List<Double>> h = history.history();
        List<String> names = keys == null || keys.length == 0 ? new ArrayList<>(h.keySet()) : List.of(keys);
        XYChart chart = chart(names.size() == 1 ? names.get(0) : "training history", "epoch", "value");
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        int colour = 0, epochs = 0;
        for (String k : names) {
            List<Double> v = h.get(k);
            if (v == null) throw new IllegalArgumentException("history has no '" + k + "'; it has " + h.keySet());
            if (v.isEmpty()) continue;
            double[] xs = new double[v.size()], ys = new double[v.size()];
            for (int e = 0; e < xs.length; e++) {
                xs[e] = e;
                double y = v.get(e) == null ? Double.NaN : v.get(e);
                ys[e] = Double.isFinite(y) ? y : Double.NaN; // XChart rejects infinities; NaN is a gap
            }
            epochs = Math.max(epochs, xs.length);
            XYSeries s = chart.addSeries(k, xs, ys);
            s.setMarker(xs.length <= MARKERS_UP_TO ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
            Color c = TAB10[colour++ % TAB10.length];
            s.setLineColor(c);
            s.setMarkerColor(c);
        }
        // XChart ticks 200 epochs every 10 and the labels touch: label only whole multiples of a step
        // that gives at most about 10 labels
        double step = epochStep(epochs);
        chart.getStyler().setxAxisTickLabelsFormattingFunction(v -> Math.abs(Math.IEEEremainder(v, step)) < 1e-6 ? tickLabel(v) : "");
        return new Figure(chart);
    }

    /** The smallest of 1, 2, 5, 10, 20, 50 ... that labels {@code epochs} epochs at most about 10 times. */
    static double epochStep(int epochs) {
        double step = 1;
        for (int i = 0; epochs / step > 10; i++) step *= i % 3 == 1 ? 2.5 : 2;
        return step;
    }

    /** A tick value in the fewest digits ({@code 0.05}, {@code 120}, {@code 1.0E-4} as {@code 0.0001}); XChart's default wrote {@code .05}. */
    static String tickLabel(Double v) {
        if (v == null || !Double.isFinite(v)) return String.valueOf(v);
        if (v == 0) return "0";
        // 6 significant digits hide the binary noise of tick arithmetic (0.15000000000000002)
        return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }

    private static XYChart chart(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(title == null ? "" : title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        XYStyler st = chart.getStyler();
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotBackgroundColor(Color.WHITE);
        st.setPlotGridLinesColor(new Color(0xe0e0e0));
        // below the plot, in a row: inside, it hid points of the scatter and the accuracy curve near 1
        st.setLegendPosition(Styler.LegendPosition.OutsideS);
        st.setLegendLayout(Styler.LegendLayout.Horizontal);
        st.setLegendBorderColor(Color.WHITE);
        st.setxAxisTickLabelsFormattingFunction(Plots::tickLabel);
        st.setyAxisTickLabelsFormattingFunction(Plots::tickLabel);
        st.setAntiAlias(true);
        return chart;
    }

    /**
     * A grid of images with their predicted labels, the picture a Keras MNIST tutorial shows after
     * training: each image in grey levels (its min black, its max white, as matplotlib's
     * {@code imshow(cmap="gray")}), three pixels a pixel, its predicted class below it; where the
     * true label differs the label is red, {@code "7 (true 2)"}. The first {@code min(n, 25)}
     * images, in a near-square grid.
     * <pre>{@code
     * Plots.digits(xTest, model.predict(xTest), yTest).savePng(Path.of("digits.png"));
     * }</pre>
     *
     * @param images (n, h, w), (n, h, w, 1) or (n, h*w) with h = w, any value range
     * @param predicted (n,) class ids or (n, k) scores ({@code model.predict}'s output: argmax)
     * @param trueLabels (n,) class ids or (n, k) one-hot rows; null to mark nothing
     * @throws IllegalArgumentException when the shapes do not fit (the message names them)
     */
    public static ImageFigure digits(NDArray images, NDArray predicted, NDArray trueLabels) {
        return digits(images, predicted, trueLabels, 25);
    }

    /** {@link #digits(NDArray, NDArray, NDArray)} showing the first {@code min(n, count)} images. */
    public static ImageFigure digits(NDArray images, NDArray predicted, NDArray trueLabels, int count) {
        return DigitGrid.draw(images, predicted, trueLabels, count);
    }
}
