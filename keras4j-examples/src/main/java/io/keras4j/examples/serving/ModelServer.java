package io.keras4j.examples.serving;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.keras4j.NDArray;
import io.keras4j.models.Model;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A model server on the JDK's {@code com.sun.net.httpserver}, answering TensorFlow Serving's REST
 * API for the models it holds (one {@link Model} serves all request threads at once: keras4j's
 * {@code predict} is thread-safe):
 * <pre>
 * POST /v1/models/NAME:predict    {"instances": [x1, x2, ...]}   -> {"predictions": [y1, y2, ...]}
 *                                 {"inputs": [x1, x2, ...]}      -> {"outputs": [y1, y2, ...]}
 * GET  /v1/models/NAME            the version status: {"model_version_status": [{"version": "1", "state": "AVAILABLE", ...}]}
 * GET  /v1/models/NAME/metadata   name, input and output shapes (-1 for the batch)
 * GET  /healthz                   {"status": "ok"}
 * </pre>
 * Each instance is one sample: a number array of the model's input shape (nested for more than
 * one axis). Errors are answered as TF Serving does, {@code {"error": "..."}}: 400 for a body
 * that is not JSON, has no {@code instances}, holds something other than numbers, an instance of
 * the wrong shape or a body over the size limit; 404 for an unknown model or path; 405 for a
 * wrong method.
 */
public final class ModelServer implements AutoCloseable {
    /** A model and the shape of one of its samples (without the batch axis). */
    public record Served(Model model, int[] inputShape) {}

    /** Bodies larger than this are refused by default: 8 MiB (some 5,000 MNIST images as JSON text). */
    public static final int DEFAULT_MAX_BODY = 8 << 20;

    static {
        // the JDK server writes a response's headers and body apart: without TCP_NODELAY, Nagle's
        // algorithm holds the body until the client's delayed ACK, 40 ms per request on Linux.
        // Read once, when the JDK's server classes load: set before the first server is made.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final Map<String, Served> models;
    private final int maxBody;
    private final HttpServer http;
    private final ExecutorService pool;

    /**
     * Starts serving {@code models} (name to model) on {@code address} (port 0: any free port),
     * with {@code threads} request threads.
     */
    public ModelServer(Map<String, Served> models, InetSocketAddress address, int threads, int maxBody) throws IOException {
        this.models = Map.copyOf(models);
        this.maxBody = maxBody;
        this.http = HttpServer.create(address, 1024);
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "model-server");
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(pool);
        http.createContext("/v1/models/", this::models);
        http.createContext("/healthz", ex -> {
            if (!ex.getRequestMethod().equals("GET")) send(ex, 405, error("use GET"));
            else send(ex, 200, "{\"status\": \"ok\"}");
        });
        http.createContext("/", ex -> send(ex, 404, error("no such path: " + ex.getRequestURI().getPath())));
        http.start();
    }

    /** The port the server listens on. */
    public int port() {
        return http.getAddress().getPort();
    }

    @Override
    public void close() {
        http.stop(0);
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void models(HttpExchange ex) throws IOException {
        try {
            String rest = ex.getRequestURI().getPath().substring("/v1/models/".length());
            if (rest.endsWith(":predict")) {
                Served s = model(ex, rest.substring(0, rest.length() - ":predict".length()));
                if (s == null) return;
                if (!ex.getRequestMethod().equals("POST")) {
                    send(ex, 405, error("use POST for :predict"));
                    return;
                }
                predict(ex, s);
                return;
            }
            boolean metadata = rest.endsWith("/metadata");
            String name = metadata ? rest.substring(0, rest.length() - "/metadata".length()) : rest;
            Served s = model(ex, name);
            if (s == null) return;
            if (!ex.getRequestMethod().equals("GET")) {
                send(ex, 405, error("use GET for the model's status and metadata"));
                return;
            }
            send(ex, 200, metadata ? metadata(name, s) : "{\"model_version_status\": [{\"version\": \"1\", \"state\": \"AVAILABLE\","
                    + " \"status\": {\"error_code\": \"OK\", \"error_message\": \"\"}}]}");
        } catch (RuntimeException e) { // a bug of ours: answered, not a dropped connection
            send(ex, 500, error(e.toString()));
        }
    }

    private Served model(HttpExchange ex, String name) throws IOException {
        Served s = models.get(name);
        if (s == null) send(ex, 404, error("Servable not found for request: Latest(" + name + ")"));
        return s;
    }

    private static String metadata(String name, Served s) {
        return "{\"model_spec\": {\"name\": " + Json.quote(name) + ", \"version\": \"1\"}, \"metadata\": {\"signature_def\": "
                + "{\"serving_default\": {\"inputs\": {\"shape\": " + shape(s.inputShape()) + "}, \"outputs\": {\"shape\": "
                + shape(outputShape(s)) + "}}}}}";
    }

    private static int[] outputShape(Served s) {
        int[] one = new int[s.inputShape().length + 1];
        one[0] = 1;
        System.arraycopy(s.inputShape(), 0, one, 1, s.inputShape().length);
        int size = 1;
        for (int d : one) size *= d;
        int[] out = s.model().predict(NDArray.of(new float[size], one)).shape(); // a zero sample, to learn the shape
        return Arrays.copyOfRange(out, 1, out.length);
    }

    private static String shape(int[] sample) {
        StringBuilder b = new StringBuilder("[-1");
        for (int d : sample) b.append(", ").append(d);
        return b.append(']').toString();
    }

    private void predict(HttpExchange ex, Served s) throws IOException {
        String body = body(ex);
        if (body == null) return;
        Object parsed;
        try {
            parsed = Json.parse(body);
        } catch (IllegalArgumentException e) {
            send(ex, 400, error(e.getMessage()));
            return;
        }
        if (!(parsed instanceof Map<?, ?> request)) {
            send(ex, 400, error("the body must be a JSON object with \"instances\" (or \"inputs\")"));
            return;
        }
        boolean rows = request.containsKey("instances");
        Object data = rows ? request.get("instances") : request.get("inputs");
        if (!rows && !request.containsKey("inputs")) {
            send(ex, 400, error("missing \"instances\" (or \"inputs\") in the request"));
            return;
        }
        if (!(data instanceof List<?> list) || list.isEmpty()) {
            send(ex, 400, error("\"" + (rows ? "instances" : "inputs") + "\" must be a non-empty list of samples"));
            return;
        }
        int[] sample = s.inputShape();
        int size = 1;
        for (int d : sample) size *= d;
        float[] x = new float[list.size() * size];
        try {
            for (int r = 0; r < list.size(); r++) {
                int end = flatten(list.get(r), sample, 0, x, r * size, "instance " + r);
                if (end != (r + 1) * size) throw new IllegalArgumentException("instance " + r + " has the wrong size");
            }
        } catch (IllegalArgumentException e) {
            send(ex, 400, error(e.getMessage()));
            return;
        }
        int[] shape = new int[sample.length + 1];
        shape[0] = list.size();
        System.arraycopy(sample, 0, shape, 1, sample.length);
        NDArray y;
        try {
            y = s.model().predict(NDArray.of(x, shape));
        } catch (IllegalArgumentException e) { // e.g. an instance with NaN or Infinity
            send(ex, 400, error(e.getMessage()));
            return;
        }
        send(ex, 200, predictions(rows ? "predictions" : "outputs", y));
    }

    /** Writes {@code v} (an instance, or part of one at {@code axis}) into x from {@code at}; returns the next index. */
    private static int flatten(Object v, int[] shape, int axis, float[] x, int at, String where) {
        if (axis == shape.length) {
            if (!(v instanceof Json.Num n)) {
                throw new IllegalArgumentException(where + ": expected a number, got " + describe(v));
            }
            x[at] = n.floatValue();
            return at + 1;
        }
        if (!(v instanceof List<?> l)) {
            throw new IllegalArgumentException(where + ": expected a list of " + shape[axis] + " (the model's input shape is "
                    + Arrays.toString(shape) + " per instance), got " + describe(v));
        }
        if (l.size() != shape[axis]) {
            throw new IllegalArgumentException(where + ": expected " + shape[axis] + " values on axis " + axis + " (the model's"
                    + " input shape is " + Arrays.toString(shape) + " per instance), got " + l.size());
        }
        for (int k = 0; k < l.size(); k++) at = flatten(l.get(k), shape, axis + 1, x, at, where + "[" + k + "]");
        return at;
    }

    private static String describe(Object v) {
        if (v == null) return "null";
        if (v instanceof String str) return "the string " + Json.quote(str.length() > 20 ? str.substring(0, 20) + "..." : str);
        if (v instanceof Json.Num) return "a number";
        if (v instanceof List) return "a list";
        if (v instanceof Map) return "an object";
        return v.toString();
    }

    /** {@code {"predictions": [...]}}: one entry per row, nested as the output's sample shape. */
    static String predictions(String key, NDArray y) {
        float[] v = y.toFloatArray();
        int[] shape = y.shape();
        StringBuilder b = new StringBuilder(v.length * 12 + 32).append("{\"").append(key).append("\": ");
        nest(b, v, shape, 0, 0);
        return b.append('}').toString();
    }

    private static int nest(StringBuilder b, float[] v, int[] shape, int axis, int at) {
        if (axis == shape.length) {
            Json.appendFloat(b, v[at]);
            return at + 1;
        }
        b.append('[');
        for (int k = 0; k < shape[axis]; k++) {
            if (k > 0) b.append(", ");
            at = nest(b, v, shape, axis + 1, at);
        }
        b.append(']');
        return at;
    }

    /** The body as text, or null after answering 400 when it is over the limit. */
    private String body(HttpExchange ex) throws IOException {
        String length = ex.getRequestHeaders().getFirst("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > maxBody) {
                    send(ex, 400, error("the request body is " + length.trim() + " bytes, over the limit of " + maxBody));
                    return null;
                }
            } catch (NumberFormatException ignored) { // read it and count
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[16384];
        try (InputStream in = ex.getRequestBody()) {
            for (int r; (r = in.read(buf)) > 0; ) {
                if (out.size() + r > maxBody) {
                    send(ex, 400, error("the request body is over the limit of " + maxBody + " bytes"));
                    return null;
                }
                out.write(buf, 0, r);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    static String error(String message) {
        return "{\"error\": " + Json.quote(message) + "}";
    }

    private static void send(HttpExchange ex, int status, String json) throws IOException {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream o = ex.getResponseBody()) {
            o.write(b);
        }
        ex.close();
    }
}
