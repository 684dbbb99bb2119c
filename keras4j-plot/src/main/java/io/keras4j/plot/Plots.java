package io.keras4j.plot;

import io.keras4j.NDArray;
import io.keras4j.callbacks.History;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The figures of a Keras notebook, as {@link Figure}s to save:
 * <pre>{@code
 * Plots.scatterByClass(xTrain, yTrain, "Training data").savePng(Path.of("train.png"));  // plt.scatter(x[:,0], x[:,1], c=y)
 * Plots.history(history, "loss").savePng(Path.of("loss.png"));                         // plt.plot(h.history['loss'])
 * Plots.scatterByClass(xTest, model.predict(xTest), "Predictions").savePng(...);
 * }</pre>
 */
public final class Plots {
    /** matplotlib's default colour cycle ("tab10"). */
    private static final Color[] TAB10 = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)};
    private static final int WIDTH = 640, HEIGHT = 480;

    private Plots() {}

    /**
     * A scatter of 2-D points coloured by class.
     *
     * @param points (n, 2) coordinates
     * @param labels (n,) class ids, or (n, k) one-hot rows or predicted probabilities (class = argmax)
     */
    public static Figure scatterByClass(NDArray points, NDArray labels, String title) {
        int[] ps = points.shape(), ls = labels.shape();
        if (ps.length != 2 || ps[1] != 2) {
            throw new IllegalArgumentException("scatterByClass: points must have shape (n, 2), got " + NDArray.shapeString(ps));
        }
        if (ls.length == 0 || ls.length > 2 || ls[0] != ps[0]) {
            throw new IllegalArgumentException("scatterByClass: labels of shape " + NDArray.shapeString(ls)
                    + " do not match points of shape " + NDArray.shapeString(ps) + " (expected (n,) or (n, k))");
        }
        float[] cls = (ls.length == 2 && ls[1] > 1 ? labels.argmax(1) : labels.reshape(-1)).toFloatArray();
        float[] xy = points.toFloatArray();
        int classes = 0;
        for (float c : cls) classes = Math.max(classes, (int) c + 1);
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("x[0]").yAxisTitle("x[1]").build();
        style(chart);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(4);
        for (int c = 0; c < classes; c++) {
            List<Double> xs = new ArrayList<>(), ys = new ArrayList<>();
            for (int i = 0; i < cls.length; i++) {
                if ((int) cls[i] == c) {
                    xs.add((double) xy[2 * i]);
                    ys.add((double) xy[2 * i + 1]);
                }
            }
            if (xs.isEmpty()) continue;
            XYSeries s = chart.addSeries("class " + c, xs, ys);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(TAB10[c % TAB10.length]);
        }
        return new Figure(chart);
    }

    /** Line chart of History metrics per epoch; all of them when no key is given. */
    public static Figure history(History history, String... keys) {
        Map<String, List<Double>> h = history.history();
        List<String> names = keys.length == 0 ? new ArrayList<>(h.keySet()) : List.of(keys);
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(names.size() == 1 ? names.get(0) : "training history").xAxisTitle("epoch").yAxisTitle("value").build();
        style(chart);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        int i = 0;
        for (String k : names) {
            List<Double> v = h.get(k);
            if (v == null) throw new IllegalArgumentException("history has no '" + k + "'; it has " + h.keySet());
            if (v.isEmpty()) continue;
            List<Integer> epochs = new ArrayList<>();
            for (int e = 0; e < v.size(); e++) epochs.add(e);
            XYSeries s = chart.addSeries(k, epochs, v);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(TAB10[i++ % TAB10.length]);
        }
        return new Figure(chart);
    }

    private static void style(XYChart chart) {
        Styler st = chart.getStyler();
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotBackgroundColor(Color.WHITE);
        st.setLegendPosition(Styler.LegendPosition.InsideNE);
        st.setAntiAlias(true);
        chart.getStyler().setPlotGridLinesColor(new Color(0xe0e0e0));
    }
}
