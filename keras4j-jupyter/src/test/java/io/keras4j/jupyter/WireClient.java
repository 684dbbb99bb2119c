package io.keras4j.jupyter;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A minimal Jupyter client for tests, written from the wire protocol
 * (https://jupyter-client.readthedocs.io/en/stable/messaging.html), not from jjava's classes:
 * shell and control are DEALER sockets, iopub a SUB socket, heartbeat a REQ socket, on loopback
 * ports. A message is the frames {@code <IDS|MSG>}, the HMAC-SHA256 hex signature of the next four,
 * header, parent_header, metadata, content (JSON). Every message received is checked against its
 * signature. Each receive waits at most a given time, so a broken kernel fails a test instead of
 * hanging it.
 */
final class WireClient implements AutoCloseable {
    static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);

    /** One message, as received: its frames parsed, and when it arrived ({@link System#nanoTime}). */
    record Msg(JsonObject header, JsonObject parent, JsonObject metadata, JsonObject content, long arrivedNanos) {
        String type() {
            return header.get("msg_type").getAsString();
        }

        String parentId() {
            return parent.has("msg_id") ? parent.get("msg_id").getAsString() : "";
        }

        @Override
        public String toString() {
            return type() + " " + content;
        }
    }

    private final ZContext ctx = new ZContext();
    private final byte[] key;
    private final String session = UUID.randomUUID().toString();
    final ZMQ.Socket shell, control, iopub, heartbeat;

    WireClient(String ip, int shellPort, int controlPort, int iopubPort, int hbPort, String key) {
        this.key = key.getBytes(StandardCharsets.UTF_8);
        shell = connect(SocketType.DEALER, ip, shellPort);
        control = connect(SocketType.DEALER, ip, controlPort);
        iopub = connect(SocketType.SUB, ip, iopubPort);
        iopub.subscribe(new byte[0]);
        heartbeat = connect(SocketType.REQ, ip, hbPort);
    }

    private ZMQ.Socket connect(SocketType type, String ip, int port) {
        ZMQ.Socket s = ctx.createSocket(type);
        s.setLinger(0);
        if (type == SocketType.DEALER) s.setIdentity(UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII));
        s.connect("tcp://" + ip + ":" + port);
        return s;
    }

    /** Sends a request; returns its msg_id (the parent msg_id of everything the kernel answers). */
    String send(ZMQ.Socket channel, String msgType, JsonObject content) {
        return send(channel, msgType, content, key);
    }

    /** Sends a request signed with {@code signingKey} (another key than the connection's, to test the check). */
    String send(ZMQ.Socket channel, String msgType, JsonObject content, byte[] signingKey) {
        String id = UUID.randomUUID().toString();
        JsonObject header = new JsonObject();
        header.addProperty("msg_id", id);
        header.addProperty("session", session);
        header.addProperty("username", "test");
        header.addProperty("date", Instant.now().toString());
        header.addProperty("msg_type", msgType);
        header.addProperty("version", "5.3");
        byte[][] parts = {utf8(header.toString()), utf8("{}"), utf8("{}"), utf8(content.toString())};
        channel.sendMore(DELIMITER);
        channel.sendMore(sign(signingKey, parts).getBytes(StandardCharsets.US_ASCII));
        channel.sendMore(parts[0]);
        channel.sendMore(parts[1]);
        channel.sendMore(parts[2]);
        channel.send(parts[3]);
        return id;
    }

    /** The next message on {@code channel}, or null when none came within {@code timeoutMs}. */
    Msg receive(ZMQ.Socket channel, long timeoutMs) {
        channel.setReceiveTimeOut((int) Math.max(1, timeoutMs));
        byte[] frame = channel.recv();
        if (frame == null) return null;
        List<byte[]> frames = new ArrayList<>();
        frames.add(frame);
        channel.setReceiveTimeOut(5_000); // the rest of a multi-part message is already here
        while (channel.hasReceiveMore()) frames.add(channel.recv());
        long now = System.nanoTime();
        int d = 0;
        while (d < frames.size() && !Arrays.equals(frames.get(d), DELIMITER)) d++; // routing ids or the iopub topic
        if (frames.size() < d + 6) throw new AssertionError("a message without <IDS|MSG> and its five frames: " + frames.size() + " frames");
        String signature = new String(frames.get(d + 1), StandardCharsets.US_ASCII);
        byte[][] parts = {frames.get(d + 2), frames.get(d + 3), frames.get(d + 4), frames.get(d + 5)};
        String expected = sign(key, parts);
        if (!expected.equals(signature)) {
            throw new AssertionError("the kernel's message is not signed with the connection's key: " + new String(parts[0], StandardCharsets.UTF_8));
        }
        return new Msg(json(parts[0]), json(parts[1]), json(parts[2]), json(parts[3]), now);
    }

    /** The reply to {@code msgId} on {@code channel}, within {@code timeoutMs}; fails otherwise. */
    Msg reply(ZMQ.Socket channel, String msgId, long timeoutMs) {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            Msg m = left > 0 ? receive(channel, left) : null;
            if (m == null) throw new AssertionError("no reply to " + msgId + " within " + timeoutMs + " ms");
            if (m.parentId().equals(msgId)) return m;
        }
    }

    /**
     * The iopub messages caused by request {@code msgId}, in order, up to and including its
     * {@code status: idle}; fails when idle does not come within {@code timeoutMs}.
     */
    List<Msg> iopubUntilIdle(String msgId, long timeoutMs) {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        List<Msg> out = new ArrayList<>();
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            Msg m = left > 0 ? receive(iopub, left) : null;
            if (m == null) throw new AssertionError("no status idle for " + msgId + " within " + timeoutMs + " ms; got " + out);
            if (!m.parentId().equals(msgId)) continue;
            out.add(m);
            if (m.type().equals("status") && m.content().get("execution_state").getAsString().equals("idle")) return out;
        }
    }

    /** The heartbeat echoes what it is sent, within {@code timeoutMs}. */
    boolean ping(long timeoutMs) {
        heartbeat.send("ping");
        heartbeat.setReceiveTimeOut((int) timeoutMs);
        byte[] echo = heartbeat.recv();
        return echo != null && new String(echo, StandardCharsets.US_ASCII).equals("ping");
    }

    static String sign(byte[] key, byte[][] parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            for (byte[] p : parts) mac.update(p);
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static JsonObject json(byte[] b) {
        return JsonParser.parseString(new String(b, StandardCharsets.UTF_8)).getAsJsonObject();
    }

    @Override
    public void close() {
        ctx.close();
    }
}
