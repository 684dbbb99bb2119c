package io.keras4j.examples.serving;

import io.keras4j.NDArray;
import io.keras4j.models.Model;
import io.keras4j.models.Sequential;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Drives a {@link ModelServer} on 127.0.0.1 with 1, 8 and 64 concurrent clients, each sending
 * {@code :predict} requests back to back for a bounded time, and prints throughput and p50/p99
 * latency per load. Every answer is parsed and compared, bit for bit, with the serial
 * {@code predict} of the same instances (computed before the load starts); the exit status is 1
 * if any answer was wrong or any request failed.
 * Each result line ends with the machine's load average at its end (the figures mean little on a
 * busy machine). The run takes about {@code batches x (2 + loads x seconds)} seconds after the
 * model's training (a few seconds): {@code keras4j-examples/bin/load-test} bounds it with
 * {@code timeout} too.
 * <pre>
 * java --add-modules jdk.incubator.vector -cp ... io.keras4j.examples.serving.LoadTest [seconds per load, default 5]
 *     [batch sizes, default 1,32] [client counts, default 1,8,64]
 * </pre>
 */
public final class LoadTest {
    private LoadTest() {}

    /** One load's figures. */
    public record Result(int clients, int batch, long requests, long wrong, long failed, double seconds, double p50Ms,
                         double p99Ms) {
        public double requestsPerSecond() {
            return requests / seconds;
        }

        @Override
        public String toString() {
            return String.format("clients %3d  batch %3d  requests %7d  %9.1f req/s  %10.1f rows/s  p50 %7.3f ms  p99 %7.3f ms"
                    + "  wrong %d  failed %d", clients, batch, requests, requestsPerSecond(), requestsPerSecond() * batch, p50Ms,
                    p99Ms, wrong, failed);
        }
    }

    /** Request bodies of {@code batch} instances each and the serial answers to them. */
    public record Workload(int batch, List<String> bodies, List<float[]> expected) {
        public static Workload of(Model model, int batch, int distinct, long seed) {
            List<String> bodies = new ArrayList<>();
            List<float[]> expected = new ArrayList<>();
            for (int i = 0; i < distinct; i++) {
                NDArray x = DemoModel.images(seed + i, batch);
                bodies.add(body(x));
                expected.add(model.predict(x).toFloatArray());
            }
            return new Workload(batch, bodies, expected);
        }
    }

    /** {@code {"instances": [[...], ...]}} of the rows of a 2-D array. */
    static String body(NDArray x) {
        float[] v = x.toFloatArray();
        int rows = x.shape()[0], row = v.length / rows;
        StringBuilder b = new StringBuilder(v.length * 6).append("{\"instances\": [");
        for (int r = 0; r < rows; r++) {
            b.append(r == 0 ? "[" : ", [");
            for (int p = 0; p < row; p++) {
                if (p > 0) b.append(',');
                Json.appendFloat(b, v[r * row + p]);
            }
            b.append(']');
        }
        return b.append("]}").toString();
    }

    /** The predictions of a response, flattened, or null when it is not {@code {"predictions": [...]}}. */
    static float[] predictions(String json) {
        Object o = Json.parse(json);
        if (!(o instanceof Map<?, ?> m) || !(m.get("predictions") instanceof List<?> rows)) return null;
        List<Float> out = new ArrayList<>();
        flatten(rows, out);
        float[] f = new float[out.size()];
        for (int i = 0; i < f.length; i++) f[i] = out.get(i);
        return f;
    }

    private static void flatten(Object v, List<Float> out) {
        if (v instanceof List<?> l) for (Object e : l) flatten(e, out);
        else out.add(v instanceof Json.Num n ? n.floatValue() : Float.NaN);
    }

    /** {@code clients} clients sending {@code work}'s requests to {@code predictUri} for {@code seconds}. */
    public static Result run(URI predictUri, Workload work, int clients, double seconds) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .build();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime(), end = start + (long) (seconds * 1e9);
        List<Future<long[]>> done = new ArrayList<>();
        try {
            for (int c = 0; c < clients; c++) {
                int client = c;
                done.add(pool.submit(() -> {
                    long[] lat = new long[1024];
                    int n = 0;
                    long wrong = 0, failed = 0;
                    for (int i = client; System.nanoTime() < end; i++) {
                        int q = i % work.bodies().size();
                        HttpRequest req = HttpRequest.newBuilder(predictUri).timeout(Duration.ofSeconds(30))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(work.bodies().get(q))).build();
                        long t0 = System.nanoTime();
                        try {
                            HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
                            long t1 = System.nanoTime();
                            if (res.statusCode() != 200) {
                                failed++;
                                continue;
                            }
                            if (!Arrays.equals(work.expected().get(q), predictions(res.body()))) wrong++;
                            if (n == lat.length) lat = Arrays.copyOf(lat, 2 * n);
                            lat[n++] = t1 - t0;
                        } catch (java.io.IOException e) {
                            failed++;
                        }
                    }
                    long[] out = Arrays.copyOf(lat, n + 2);
                    out[n] = wrong;
                    out[n + 1] = failed;
                    return out;
                }));
            }
            long wrong = 0, failed = 0;
            List<long[]> all = new ArrayList<>();
            int total = 0;
            for (Future<long[]> f : done) {
                long[] r = f.get();
                wrong += r[r.length - 2];
                failed += r[r.length - 1];
                all.add(r);
                total += r.length - 2;
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            long[] lat = new long[total];
            int k = 0;
            for (long[] r : all) {
                System.arraycopy(r, 0, lat, k, r.length - 2);
                k += r.length - 2;
            }
            Arrays.sort(lat);
            double p50 = total == 0 ? Double.NaN : lat[(int) Math.min(total - 1, Math.round(0.50 * (total - 1)))] / 1e6;
            double p99 = total == 0 ? Double.NaN : lat[(int) Math.min(total - 1, Math.round(0.99 * (total - 1)))] / 1e6;
            return new Result(clients, work.batch(), total, wrong, failed, elapsed, p50, p99);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The system's load average over the last minute, as {@code uptime} prints it first. */
    static String loadAverage() {
        double l = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return l < 0 ? "n/a" : String.format("%.2f", l);
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        int[] batches = Arrays.stream((args.length > 1 ? args[1] : "1,32").split(",")).mapToInt(Integer::parseInt).toArray();
        int[] loads = Arrays.stream((args.length > 2 ? args[2] : "1,8,64").split(",")).mapToInt(Integer::parseInt).toArray();
        Sequential model = DemoModel.trainedMlp();
        int threads = 64; // a request thread per client at the highest load: 64 concurrent predicts on one model
        try (ModelServer server = new ModelServer(Map.of("mnist_mlp", new ModelServer.Served(model, new int[] {DemoModel.PIXELS})),
                new InetSocketAddress("127.0.0.1", 0), threads, ModelServer.DEFAULT_MAX_BODY)) {
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/v1/models/mnist_mlp:predict");
            System.out.printf("model mnist_mlp (784-512-512-10), %d server threads, %d cores, %s s per load, load average %s%n",
                    threads, Runtime.getRuntime().availableProcessors(), seconds, loadAverage());
            boolean ok = true;
            for (int batch : batches) {
                Workload work = Workload.of(model, batch, 64, 1000L * batch);
                // warm-up: first on one thread (with many busy callers C2 compiles the kernels late, and until
                // then the Vector API runs interpreted, about a thousand times slower), then JIT and connections
                NDArray x = DemoModel.images(7, batch);
                for (long stop = System.nanoTime() + 1_000_000_000L; System.nanoTime() < stop; ) model.predict(x);
                run(uri, work, 4, Math.min(1, seconds));
                for (int clients : loads) {
                    Result r = run(uri, work, clients, seconds);
                    System.out.println(r + "  load " + loadAverage());
                    ok &= r.wrong() == 0 && r.failed() == 0 && r.requests() > 0;
                }
            }
            System.out.println(ok ? "all answers equal the serial predict" : "WRONG ANSWERS OR FAILED REQUESTS");
            if (!ok) System.exit(1);
        }
    }
}
