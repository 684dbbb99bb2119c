package io.keras4j.bench.jmh;

import com.google.gson.Gson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns JMH's JSON results ({@code -rf json}) of {@link GemmBench} ({@code impl=vector}) and
 * {@code OpenBlasGemmBench} into one markdown table: JDK, threads, shape, layout, keras4j GFLOP/s,
 * OpenBLAS GFLOP/s and keras4j as a percentage of OpenBLAS.
 *
 * <p>GFLOP/s is the <em>median</em> of the measurement iterations (JMH's own score is their mean)
 * times 2·m·n·k / 1e9. The JDK is the result's {@code jdkVersion}; threads are read from the fork's
 * {@code -Dkeras4j.threads=} / {@code -Dopenblas.threads=} JVM argument. The JSON is read with Gson.
 *
 * <pre>java -cp ... io.keras4j.bench.jmh.GemmTable results1.json [results2.json ...]</pre>
 */
public final class GemmTable {

    private GemmTable() {}

    public static void main(String[] args) throws IOException {
        List<Object> results = new ArrayList<>();
        for (String f : args) results.addAll(asList(parse(Files.readString(Path.of(f)))));
        System.out.print(table(results));
    }

    /** One row of the table: keras4j's and OpenBLAS's GFLOP/s for a JDK, thread count, shape and layout. */
    static final class Row {
        double keras4j = Double.NaN, openblas = Double.NaN;
    }

    /** The markdown table of a list of parsed JMH results (rows in the order they first appear). */
    static String table(List<Object> results) {
        Map<String, Row> rows = new LinkedHashMap<>();
        for (Object o : results) {
            Map<String, Object> r = asMap(o);
            String bench = (String) r.get("benchmark");
            Map<String, Object> params = r.containsKey("params") ? asMap(r.get("params")) : Map.of();
            boolean ours = bench.endsWith(".GemmBench.gemm"), peer = bench.endsWith(".OpenBlasGemmBench.sgemm");
            if (!ours && !peer) continue;
            if (ours && !"vector".equals(params.get("impl"))) continue;
            String shape = (String) params.get("shape"), layout = (String) params.get("layout");
            String threads = threads(asList(r.get("jvmArgs")), ours ? "keras4j.threads" : "openblas.threads");
            String key = r.get("jdkVersion") + "|" + threads + "|" + shape + "|" + layout;
            Row row = rows.computeIfAbsent(key, x -> new Row());
            double g = gflops(asMap(r.get("primaryMetric")), new GemmShape(shape, layout).flops());
            if (ours) row.keras4j = g;
            else row.openblas = g;
        }
        StringBuilder sb = new StringBuilder();
        sb.append("| JDK | threads | shape (m x k x n) | layout | keras4j GFLOP/s | OpenBLAS GFLOP/s | keras4j / OpenBLAS |\n");
        sb.append("|---|---|---|---|---|---|---|\n");
        for (Map.Entry<String, Row> e : rows.entrySet()) {
            String[] k = e.getKey().split("\\|");
            Row r = e.getValue();
            sb.append("| ").append(k[0]).append(" | ").append(k[1]).append(" | ").append(k[2]).append(" | ").append(k[3])
                    .append(" | ").append(fmt(r.keras4j)).append(" | ").append(fmt(r.openblas)).append(" | ")
                    .append(Double.isNaN(r.keras4j) || Double.isNaN(r.openblas) ? "-"
                            : String.format(Locale.ROOT, "%.0f%%", 100 * r.keras4j / r.openblas))
                    .append(" |\n");
        }
        return sb.toString();
    }

    private static String fmt(double g) {
        return Double.isNaN(g) ? "-" : String.format(Locale.ROOT, "%.1f", g);
    }

    /** The value of {@code -Dname=} among the fork's JVM arguments, or "all" when it is not set. */
    static String threads(List<Object> jvmArgs, String name) {
        String v = "all";
        for (Object a : jvmArgs) if (((String) a).startsWith("-D" + name + "=")) v = ((String) a).substring(name.length() + 3);
        return v;
    }

    /** GFLOP/s from a JMH primary metric: the median over every measured iteration of every fork. */
    static double gflops(Map<String, Object> metric, double flopsPerOp) {
        List<Double> all = new ArrayList<>();
        for (Object fork : asList(metric.get("rawData"))) for (Object v : asList(fork)) all.add(((Number) v).doubleValue());
        double[] x = all.stream().mapToDouble(Double::doubleValue).toArray();
        if (x.length == 0) return Double.NaN;
        double med = median(x);
        String unit = (String) metric.get("scoreUnit");
        String[] u = unit.split("/");
        if (u.length != 2) throw new IllegalArgumentException("unknown score unit " + unit);
        double opsPerSec = u[0].equals("ops") ? med / seconds(u[1]) : 1 / (med * seconds(u[0]));
        return opsPerSec * flopsPerOp / 1e9;
    }

    private static double seconds(String unit) {
        switch (unit) {
            case "s": return 1;
            case "ms": return 1e-3;
            case "us": return 1e-6;
            case "ns": return 1e-9;
            case "min": return 60;
            default: throw new IllegalArgumentException("unknown time unit " + unit);
        }
    }

    static double median(double[] a) {
        double[] b = a.clone();
        Arrays.sort(b);
        return b.length % 2 == 1 ? b[b.length / 2] : 0.5 * (b[b.length / 2 - 1] + b[b.length / 2]);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> asList(Object o) {
        return o == null ? List.of() : (List<Object>) o;
    }

    /** JMH's JSON as plain maps, lists, strings and numbers (Gson's untyped reading). */
    static Object parse(String json) {
        return new Gson().fromJson(json, Object.class);
    }
}
