package io.keras4j.jupyter;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * The kernel as Jupyter starts it: a child JVM running {@link KernelMain} on a connection file
 * (five free loopback ports, an HMAC-SHA256 key), with this JVM's class path; its output goes to
 * a log file, shown when a test fails.
 */
final class KernelProcess implements AutoCloseable {
    static final String IP = "127.0.0.1";
    final int shellPort, controlPort, iopubPort, stdinPort, hbPort;
    final String key = UUID.randomUUID().toString();
    final Path log;
    final Process process;

    KernelProcess(Path dir) throws IOException {
        int[] ports = freePorts(5);
        shellPort = ports[0];
        controlPort = ports[1];
        iopubPort = ports[2];
        stdinPort = ports[3];
        hbPort = ports[4];
        JsonObject c = new JsonObject();
        c.addProperty("ip", IP);
        c.addProperty("transport", "tcp");
        c.addProperty("shell_port", shellPort);
        c.addProperty("control_port", controlPort);
        c.addProperty("iopub_port", iopubPort);
        c.addProperty("stdin_port", stdinPort);
        c.addProperty("hb_port", hbPort);
        c.addProperty("signature_scheme", "hmac-sha256");
        c.addProperty("key", key);
        c.addProperty("kernel_name", "keras4j");
        Path connection = dir.resolve("kernel-connection.json");
        Files.writeString(connection, c.toString());
        log = dir.resolve("kernel.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        process = new ProcessBuilder(List.of(java, "-Xss4m", "--add-modules", "jdk.incubator.vector",
                "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                KernelMain.class.getName(), connection.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    WireClient client() {
        return new WireClient(IP, shellPort, controlPort, iopubPort, hbPort, key);
    }

    /** The kernel's output so far, for failure messages. */
    String logText() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /**
     * Free loopback ports, as Jupyter picks them: bound to port 0, then released for the kernel.
     * All are held together so they differ.
     */
    private static int[] freePorts(int n) throws IOException {
        ServerSocket[] sockets = new ServerSocket[n];
        int[] ports = new int[n];
        try {
            for (int i = 0; i < n; i++) {
                sockets[i] = new ServerSocket(0, 1, InetAddress.getByName(IP));
                ports[i] = sockets[i].getLocalPort();
            }
        } finally {
            for (ServerSocket s : sockets) if (s != null) s.close();
        }
        return ports;
    }

    @Override
    public void close() {
        if (process.isAlive()) process.destroyForcibly();
    }
}
