package io.keras4j.jupyter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Executes {@code keras4j-examples/notebooks/xor.ipynb} headless through Jupyter
 * ({@code run-notebook.sh}, the kernel registered in a temporary Jupyter data folder) and checks
 * the executed copy: no error, the three figures of the seed as inline PNG, the progress bar, and
 * the test accuracy. Skipped, saying so, where {@code jupyter-nbconvert} is not installed.
 */
class XorNotebookRunTest {

    @Test
    void seedNotebookRunsInJupyter(@TempDir Path jupyterData) throws Exception {
        boolean haveJupyter = System.getenv("PATH") != null && java.util.Arrays.stream(System.getenv("PATH").split(File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, "jupyter-nbconvert")));
        Assumptions.assumeTrue(haveJupyter, "SKIPPED: jupyter-nbconvert is not installed, so the notebook is not run "
                + "(apt-get install -y jupyter-nbconvert python3-nbclient jupyter-client)");
        Path root = Path.of("..").toAbsolutePath().normalize();
        ProcessBuilder pb = new ProcessBuilder("bash", "keras4j-examples/notebooks/run-notebook.sh")
                .directory(root.toFile()).redirectErrorStream(true);
        pb.environment().put("JUPYTER_DATA_DIR", jupyterData.toString());
        Process p = pb.start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "run-notebook.sh did not finish");
        assertEquals(0, p.exitValue(), "run-notebook.sh failed:\n" + log);

        JsonObject nb = JsonParser.parseString(Files.readString(root.resolve("keras4j-examples/target/notebooks/xor.ipynb")))
                .getAsJsonObject();
        int pngs = 0;
        StringBuilder text = new StringBuilder();
        for (JsonElement c : nb.getAsJsonArray("cells")) {
            JsonObject cell = c.getAsJsonObject();
            if (!cell.get("cell_type").getAsString().equals("code")) continue;
            for (JsonElement o : cell.getAsJsonArray("outputs")) {
                JsonObject out = o.getAsJsonObject();
                String type = out.get("output_type").getAsString();
                assertTrue(!type.equals("error"), "a cell failed: " + out);
                if (out.has("data") && out.getAsJsonObject("data").has("image/png")) pngs++;
                if (type.equals("stream")) {
                    JsonElement t = out.get("text");
                    if (t.isJsonArray()) t.getAsJsonArray().forEach(s -> text.append(s.getAsString()));
                    else text.append(t.getAsString());
                }
            }
        }
        assertEquals(3, pngs, "the training data, the loss curve and the predictions as inline PNG");
        assertTrue(text.indexOf("Epoch 200/200") >= 0 && text.indexOf("100/100") >= 0, "the progress bar's text");
        Matcher m = Pattern.compile("Test accuracy: ([0-9.]+)").matcher(text);
        assertTrue(m.find(), "no test accuracy printed");
        assertTrue(Double.parseDouble(m.group(1)) >= 0.97, "test accuracy " + m.group(1));
    }
}
