package io.keras4j.jupyter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.keras4j.jupyter.WireClient.Msg;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel through its message handlers, as Jupyter talks to it and without Jupyter: a child
 * JVM started on a connection file ({@link KernelProcess}), and a client on ZeroMQ that signs and
 * checks every message ({@link WireClient}). Each wait is bounded, so a broken kernel fails here
 * rather than hangs; the bounds are far above the times seen (see the report of issue #18).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class KernelProtocolTest {
    /** JVM start and JShell's first compile: about 5 s at a load of 20 on 2 cores. */
    private static final long START_MS = 90_000;
    /** One request: 0.2-5 s each at a load of 20 on 2 cores (the first figure, with AWT's start, the longest). */
    private static final long REQUEST_MS = 30_000;

    @TempDir
    static Path dir;
    private static KernelProcess kernel;
    private static WireClient client;

    /** The iopub messages of one execute_request, up to its idle status, and its execute_reply. */
    record Execution(List<Msg> iopub, Msg reply) {
        List<Msg> of(String type) {
            return iopub.stream().filter(m -> m.type().equals(type)).collect(Collectors.toList());
        }

        String stdout() {
            return of("stream").stream().filter(m -> m.content().get("name").getAsString().equals("stdout"))
                    .map(m -> m.content().get("text").getAsString()).collect(Collectors.joining());
        }
    }

    @BeforeAll
    static void start() throws Exception {
        kernel = new KernelProcess(dir);
        client = kernel.client();
        long deadline = System.nanoTime() + START_MS * 1_000_000;
        // the shell queues the request until the kernel binds; then, as jupyter_client does,
        // ask again until iopub carries the kernel's status for a request (the SUB socket has joined)
        Msg info = client.reply(client.shell, client.send(client.shell, "kernel_info_request", new JsonObject()), START_MS);
        assertEquals("kernel_info_reply", info.type(), log());
        while (true) {
            String id = client.send(client.shell, "kernel_info_request", new JsonObject());
            client.reply(client.shell, id, REQUEST_MS);
            Msg m;
            boolean seen = false;
            while ((m = client.receive(client.iopub, 500)) != null) seen |= m.parentId().equals(id);
            if (seen) break;
            if (System.nanoTime() > deadline) throw new AssertionError("iopub carried nothing within " + START_MS + " ms" + log());
        }
    }

    @AfterAll
    static void stop() {
        if (client != null) client.close();
        if (kernel != null) kernel.close();
    }

    private static String log() {
        return "\nkernel log:\n" + (kernel == null ? "" : kernel.logText());
    }

    private static Execution execute(String code) {
        JsonObject c = new JsonObject();
        c.addProperty("code", code);
        c.addProperty("silent", false);
        c.addProperty("store_history", true);
        c.add("user_expressions", new JsonObject());
        c.addProperty("allow_stdin", false);
        c.addProperty("stop_on_error", true);
        String id = client.send(client.shell, "execute_request", c);
        // iopub first: each message's arrival time is when it came, not when the reply was read
        List<Msg> iopub = client.iopubUntilIdle(id, REQUEST_MS);
        return new Execution(iopub, client.reply(client.shell, id, REQUEST_MS));
    }

    private static Msg request(String type, JsonObject content) {
        String id = client.send(client.shell, type, content);
        Msg reply = client.reply(client.shell, id, REQUEST_MS);
        client.iopubUntilIdle(id, REQUEST_MS);
        return reply;
    }

    private static String text(JsonElement e) {
        if (!e.isJsonArray()) return e.getAsString();
        StringBuilder sb = new StringBuilder();
        for (JsonElement x : e.getAsJsonArray()) sb.append(x.getAsString()).append('\n');
        return sb.toString();
    }

    private static void assertPng(String base64) {
        byte[] png = Base64.getDecoder().decode(base64.replace("\n", ""));
        assertTrue(png.length > 1000, "a PNG of " + png.length + " bytes");
        assertEquals("\u0089PNG", new String(png, 0, 4, StandardCharsets.ISO_8859_1));
    }

    @Test
    @Order(1)
    void kernelInfoAndHeartbeat() {
        Msg info = request("kernel_info_request", new JsonObject());
        assertEquals("kernel_info_reply", info.type());
        JsonObject c = info.content();
        assertEquals("keras4j", c.get("implementation").getAsString(), c.toString());
        assertTrue(c.get("protocol_version").getAsString().startsWith("5."), c.toString());
        assertEquals("java", c.getAsJsonObject("language_info").get("name").getAsString(), c.toString());
        assertTrue(client.ping(REQUEST_MS), "the heartbeat did not echo");
    }

    @Test
    @Order(2)
    void cellPrintsAndShowsItsLastValue() {
        Execution e = execute("System.out.println(\"hello from a cell\");\nint a = 20;\nint b = 22;\na + b");
        List<String> types = e.iopub().stream().map(Msg::type).collect(Collectors.toList());
        assertEquals("status", types.get(0), types.toString());
        assertEquals("busy", e.iopub().get(0).content().get("execution_state").getAsString());
        assertEquals("execute_input", types.get(1), types.toString());
        assertEquals("status", types.get(types.size() - 1), types.toString());
        assertEquals("hello from a cell\n", e.stdout());

        assertEquals("execute_reply", e.reply().type());
        assertEquals("ok", e.reply().content().get("status").getAsString(), e.reply().toString());
        int count = e.reply().content().get("execution_count").getAsInt();
        assertEquals(count, e.of("execute_input").get(0).content().get("execution_count").getAsInt());
        List<Msg> results = e.of("execute_result");
        assertEquals(1, results.size(), types.toString());
        assertEquals("42", results.get(0).content().getAsJsonObject("data").get("text/plain").getAsString());
        assertEquals(count, results.get(0).content().get("execution_count").getAsInt());
    }

    @Test
    @Order(3)
    void stdoutIsStreamedWhileTheCellRuns() {
        Execution e = execute("System.out.println(\"before\");\nThread.sleep(1500);\nSystem.out.println(\"after\");");
        List<Msg> streams = e.of("stream");
        assertEquals("before\nafter\n", e.stdout());
        assertEquals(2, streams.size(), streams.toString());
        double gapMs = (streams.get(1).arrivedNanos() - streams.get(0).arrivedNanos()) / 1e6;
        // "before" came while the cell slept, not with "after" at its end
        assertTrue(gapMs > 1000, "stdout was held back: the two lines came " + gapMs + " ms apart");
        assertTrue(e.of("execute_result").isEmpty(), "a cell ending in a statement shows no value");
    }

    @Test
    @Order(4)
    void fitStreamsItsProgressBarWithCarriageReturns() {
        Execution e = execute("import io.keras4j.NDArray;\n"
                + "import io.keras4j.layers.Dense;\n"
                + "import io.keras4j.models.FitOptions;\n"
                + "import io.keras4j.models.Sequential;\n"
                + "import io.keras4j.optimizers.SGD;\n"
                + "Sequential m = new Sequential();\n"
                + "m.add(new Dense(2, \"softmax\").inputDim(2));\n"
                + "m.compile(new SGD(), \"binary_crossentropy\", \"accuracy\");\n"
                + "var x = NDArray.of(new float[] {0, 0, 0, 1, 1, 0, 1, 1}, 4, 2);\n"
                + "var y = NDArray.of(new float[] {1, 0, 0, 1, 0, 1, 1, 0}, 4, 2);\n"
                + "m.fit(x, y, new FitOptions().epochs(3).batchSize(2));");
        assertEquals("ok", e.reply().content().get("status").getAsString(), e.reply() + log());
        String out = e.stdout();
        for (int epoch = 1; epoch <= 3; epoch++) assertTrue(out.contains("Epoch " + epoch + "/3\n"), out);
        // each epoch's bar redraws its line: a carriage return, then Keras's bold step count
        assertEquals(3, out.split("\r\u001b\\[1m2/2\u001b\\[0m", -1).length - 1, out);
        assertTrue(out.contains(" - loss: ") && out.contains(" - accuracy: "), out);
        // the epochs arrive one by one (each flush is its own stream message), not as one block
        assertTrue(e.of("stream").size() >= 6, e.of("stream").toString());
    }

    @Test
    @Order(5)
    void figureIsDisplayDataAndTheLastValuePng() {
        Execution e = execute("import io.keras4j.plot.Plots;\n"
                + "var p = io.keras4j.NDArray.of(new float[] {0, 0, 1, 1, -1, 1}, 3, 2);\n"
                + "var c = io.keras4j.NDArray.of(new float[] {1, 0, 0, 1, 1, 0}, 3, 2);\n"
                + "var fig = Plots.scatterByClass(p, c, \"points\");\n"
                + "display(fig);\n"
                + "fig");
        assertEquals("ok", e.reply().content().get("status").getAsString(), e.reply() + log());
        List<Msg> shown = e.of("display_data");
        assertEquals(1, shown.size(), e.iopub().stream().map(Msg::type).collect(Collectors.toList()).toString());
        JsonObject data = shown.get(0).content().getAsJsonObject("data");
        assertPng(data.get("image/png").getAsString());
        assertEquals("<Figure: points>", data.get("text/plain").getAsString());
        JsonObject result = e.of("execute_result").get(0).content().getAsJsonObject("data");
        assertPng(result.get("image/png").getAsString());
    }

    @Test
    @Order(6)
    void compileErrorNamesTheFailingLineOfTheCell() {
        Execution e = execute("int ok = 1;\nint alsoOk = 2;\nString s = 5;");
        assertEquals("error", e.reply().content().get("status").getAsString(), e.reply().toString());
        List<Msg> errors = e.of("error");
        assertEquals(1, errors.size(), e.iopub().toString());
        JsonObject c = errors.get(0).content();
        assertTrue(c.has("ename") && c.has("evalue"), c.toString());
        String traceback = text(c.getAsJsonArray("traceback"));
        assertTrue(traceback.contains("line 3: incompatible types"), traceback);
        assertTrue(traceback.contains("String s = 5;"), traceback);
        assertTrue(e.of("execute_result").isEmpty());
    }

    @Test
    @Order(7)
    void exceptionNamesItsClassAndTheLineOfTheCell() {
        // as in a Java stack trace, the line is where the failing statement starts
        Execution e = execute("int[] arr = new int[2];\n\n// the next statement fails\nint boom =\n    arr[5];");
        assertEquals("error", e.reply().content().get("status").getAsString(), e.reply().toString());
        String traceback = text(e.of("error").get(0).content().getAsJsonArray("traceback"));
        assertTrue(traceback.startsWith("java.lang.ArrayIndexOutOfBoundsException: Index 5 out of bounds for length 2"), traceback);
        assertTrue(traceback.contains("in cell, line 4"), traceback);

        Execution inMethod = execute("/* a method that fails */\nint pick(int[] a) {\n    return a[7];\n}\n\nif (true) {\n    int z = 0;\n    pick(arr);\n}");
        traceback = text(inMethod.of("error").get(0).content().getAsJsonArray("traceback"));
        assertTrue(traceback.contains("at pick (declared in a cell)"), traceback);
        assertTrue(traceback.contains("in cell, line 8"), traceback);
    }

    @Test
    @Order(8)
    void multiLineCellKeepsItsDeclarationsForTheNextCells() {
        Execution e = execute("double square(double x) {\n    return x * x;\n}\nvar nine = square(3);\nnine");
        assertEquals("9.0", e.of("execute_result").get(0).content().getAsJsonObject("data").get("text/plain").getAsString(),
                e.iopub().toString());
        Execution next = execute("square(4) + nine");
        assertEquals("25.0", next.of("execute_result").get(0).content().getAsJsonObject("data").get("text/plain").getAsString());
    }

    @Test
    @Order(9)
    void isCompleteSeesAnOpenBlock() {
        JsonObject open = new JsonObject();
        open.addProperty("code", "for (int i = 0; i < 3; i++) {\n    System.out.println(i);");
        JsonObject r = request("is_complete_request", open).content();
        assertEquals("incomplete", r.get("status").getAsString(), r.toString());
        assertTrue(r.has("indent"), r.toString());

        JsonObject closed = new JsonObject();
        closed.addProperty("code", "for (int i = 0; i < 3; i++) {\n    System.out.println(i);\n}");
        assertEquals("complete", request("is_complete_request", closed).content().get("status").getAsString());
    }

    @Test
    @Order(10)
    void completesAMemberOfAVariableOfAnEarlierCell() {
        execute("String greeting = \"hi\";");
        String code = "greeting.toUpp";
        JsonObject c = new JsonObject();
        c.addProperty("code", code);
        c.addProperty("cursor_pos", code.length());
        JsonObject r = request("complete_request", c).content();
        assertEquals("ok", r.get("status").getAsString(), r.toString());
        List<String> matches = new ArrayList<>();
        for (JsonElement m : r.getAsJsonArray("matches")) matches.add(m.getAsString());
        assertTrue(matches.stream().anyMatch(s -> s.startsWith("toUpperCase")), matches.toString());
        assertEquals(code.indexOf("toUpp"), r.get("cursor_start").getAsInt());
        assertEquals(code.length(), r.get("cursor_end").getAsInt());
    }

    /**
     * A request signed with another key is not run. Last before the shutdown: jjava 1.0-a6's
     * shell loop ends on such a message (its SecurityException is not caught), so the kernel
     * answers no shell request after it; the control channel still answers.
     */
    @Test
    @Order(99)
    void requestWithAWrongSignatureIsNotRun() {
        JsonObject c = new JsonObject();
        c.addProperty("code", "System.out.println(\"forged\");");
        c.addProperty("silent", false);
        String id = client.send(client.shell, "execute_request", c, "another key".getBytes(StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + 3_000_000_000L; // a cell that prints takes 0.1-0.3 s
        while (System.nanoTime() < deadline) {
            Msg m = client.receive(client.iopub, 250);
            assertFalse(m != null && m.parentId().equals(id), "the kernel ran a forged request: " + m);
        }
        assertNull(client.receive(client.shell, 250), "the kernel answered a forged request");
    }

    @Test
    @Order(100)
    void shutdownRequestEndsTheKernelProcess() throws Exception {
        JsonObject c = new JsonObject();
        c.addProperty("restart", false);
        String id = client.send(client.control, "shutdown_request", c);
        Msg reply = client.reply(client.control, id, REQUEST_MS);
        assertEquals("shutdown_reply", reply.type());
        assertFalse(reply.content().get("restart").getAsBoolean(), reply.toString());
        assertTrue(kernel.process.waitFor(REQUEST_MS, TimeUnit.MILLISECONDS), "the kernel did not exit" + log());
        assertEquals(0, kernel.process.exitValue(), log());
        assertNull(client.receive(client.shell, 200), "a message after shutdown");
    }
}
