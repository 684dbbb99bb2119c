package io.keras4j.examples.serving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.NDArray;
import io.keras4j.layers.Dense;
import io.keras4j.models.Sequential;
import io.keras4j.utils.Utils;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The server's endpoints, its 400s, and a short load test whose every answer must be the serial one. */
class ModelServerTest {
    private static Sequential small;
    private static ModelServer server;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws Exception {
        Utils.setRandomSeed(3);
        small = new Sequential();
        small.add(new Dense(8, "relu").inputDim(6));
        small.add(new Dense(3, "softmax"));
        server = new ModelServer(Map.of("small", new ModelServer.Served(small, new int[] {6})),
                new InetSocketAddress("127.0.0.1", 0), 8, 2000);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String errorOf(HttpResponse<String> r) {
        Object o = Json.parse(r.body());
        assertTrue(o instanceof Map<?, ?> m && m.get("error") instanceof String, r.body());
        return (String) ((Map<?, ?>) o).get("error");
    }

    @Test
    void healthStatusAndMetadata() throws Exception {
        HttpResponse<String> h = get("/healthz");
        assertEquals(200, h.statusCode());
        assertEquals(Map.of("status", "ok"), Json.parse(h.body()));
        HttpResponse<String> s = get("/v1/models/small");
        assertEquals(200, s.statusCode());
        assertTrue(s.body().contains("\"state\": \"AVAILABLE\""), s.body());
        HttpResponse<String> m = get("/v1/models/small/metadata");
        assertEquals(200, m.statusCode());
        Map<?, ?> sig = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) Json.parse(m.body())).get("metadata")).get("signature_def"))
                .get("serving_default");
        assertEquals(List.of(new Json.Num("-1"), new Json.Num("6")), ((Map<?, ?>) sig.get("inputs")).get("shape"));
        assertEquals(List.of(new Json.Num("-1"), new Json.Num("3")), ((Map<?, ?>) sig.get("outputs")).get("shape"));
    }

    @Test
    void predictAnswersWhatPredictGives() throws Exception {
        float[] x = {0.5f, -1.25f, 0f, 3f, 1e-3f, -0.1f, 1f, 2f, 3f, 4f, 5f, 6f};
        NDArray in = NDArray.of(x, 2, 6);
        float[] expected = small.predict(in).toFloatArray();
        HttpResponse<String> r = post("/v1/models/small:predict", LoadTest.body(in));
        assertEquals(200, r.statusCode(), r.body());
        assertArrayEquals(expected, LoadTest.predictions(r.body()));
        List<?> rows = (List<?>) ((Map<?, ?>) Json.parse(r.body())).get("predictions");
        assertEquals(2, rows.size());
        assertEquals(3, ((List<?>) rows.get(0)).size());
        // the columnar-looking "inputs" form of one input answers "outputs"
        HttpResponse<String> c = post("/v1/models/small:predict", "{\"inputs\": [[0.5, -1.25, 0, 3, 0.001, -0.1]]}");
        assertEquals(200, c.statusCode(), c.body());
        assertTrue(c.body().startsWith("{\"outputs\": [["), c.body());
    }

    @Test
    void badRequestsGet400WithAMessage() throws Exception {
        String p = "/v1/models/small:predict";
        HttpResponse<String> shape = post(p, "{\"instances\": [[1, 2, 3, 4, 5]]}");
        assertEquals(400, shape.statusCode());
        assertTrue(errorOf(shape).contains("expected 6 values") && errorOf(shape).contains("got 5"), shape.body());
        HttpResponse<String> word = post(p, "{\"instances\": [[1, 2, \"three\", 4, 5, 6]]}");
        assertEquals(400, word.statusCode());
        assertTrue(errorOf(word).contains("instance 0[2]: expected a number"), word.body());
        HttpResponse<String> nested = post(p, "{\"instances\": [1, 2, 3, 4, 5, 6]}");
        assertEquals(400, nested.statusCode());
        assertTrue(errorOf(nested).contains("expected a list of 6"), nested.body());
        HttpResponse<String> notJson = post(p, "{\"instances\": [[1, 2,");
        assertEquals(400, notJson.statusCode());
        assertTrue(errorOf(notJson).startsWith("invalid JSON"), notJson.body());
        HttpResponse<String> none = post(p, "{\"rows\": []}");
        assertEquals(400, none.statusCode());
        assertTrue(errorOf(none).contains("missing \"instances\""), none.body());
        HttpResponse<String> empty = post(p, "{\"instances\": []}");
        assertEquals(400, empty.statusCode());
        HttpResponse<String> infinite = post(p, "{\"instances\": [[1, 2, 3, 4, 5, 1e39]]}");
        assertEquals(400, infinite.statusCode());
        assertTrue(errorOf(infinite).contains("Infinity"), infinite.body());
        StringBuilder big = new StringBuilder("{\"instances\": [");
        for (int i = 0; i < 100; i++) big.append(i == 0 ? "" : ", ").append("[1, 2, 3, 4, 5, 6]");
        HttpResponse<String> tooLarge = post(p, big.append("]}").toString()); // 2,000 bytes is this server's limit
        assertEquals(400, tooLarge.statusCode());
        assertTrue(errorOf(tooLarge).contains("over the limit of 2000"), tooLarge.body());
    }

    @Test
    void unknownModelsPathsAndMethods() throws Exception {
        assertEquals(404, post("/v1/models/nope:predict", "{\"instances\": [[1, 2, 3, 4, 5, 6]]}").statusCode());
        assertEquals(404, get("/v1/models/nope").statusCode());
        assertEquals(404, get("/v2/anything").statusCode());
        assertEquals(405, get("/v1/models/small:predict").statusCode());
        assertEquals(405, post("/healthz", "").statusCode());
    }

    @Test
    void aShortLoadTestGetsEveryAnswerRight() throws Exception {
        Sequential mlp = DemoModel.trainedMlp(64, 256); // small: the load test's logic is under test, not the speed
        try (ModelServer s = new ModelServer(Map.of("mnist_mlp", new ModelServer.Served(mlp, new int[] {DemoModel.PIXELS})),
                new InetSocketAddress("127.0.0.1", 0), 16, ModelServer.DEFAULT_MAX_BODY)) {
            URI uri = URI.create("http://127.0.0.1:" + s.port() + "/v1/models/mnist_mlp:predict");
            for (int batch : new int[] {1, 7}) {
                LoadTest.Workload work = LoadTest.Workload.of(mlp, batch, 16, 50L * batch);
                LoadTest.Result r = LoadTest.run(uri, work, 8, 0.7);
                assertTrue(r.requests() > 0, r.toString());
                assertEquals(0, r.wrong(), r.toString());
                assertEquals(0, r.failed(), r.toString());
            }
        }
    }
}
