package io.keras4j.examples.serving;

import io.keras4j.models.Sequential;
import java.net.InetSocketAddress;
import java.util.Map;

/**
 * Serves {@link DemoModel}'s MLP as {@code mnist_mlp} on TensorFlow Serving's REST port, 8501
 * (or {@code args[0]}), on the loopback address, until the process is stopped:
 * <pre>
 * curl localhost:8501/v1/models/mnist_mlp
 * curl -d '{"instances": [[0, 0, ... 784 numbers]]}' localhost:8501/v1/models/mnist_mlp:predict
 * </pre>
 */
public final class ServingExample {
    private ServingExample() {}

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8501;
        Sequential model = DemoModel.trainedMlp();
        ModelServer server = new ModelServer(Map.of("mnist_mlp", new ModelServer.Served(model, new int[] {DemoModel.PIXELS})),
                new InetSocketAddress("127.0.0.1", port), 2 * Runtime.getRuntime().availableProcessors(),
                ModelServer.DEFAULT_MAX_BODY);
        System.out.println("serving mnist_mlp on http://127.0.0.1:" + server.port() + "/v1/models/mnist_mlp (Ctrl-C stops)");
        Thread.currentThread().join();
    }
}
