package io.keras4j.jupyter;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;

/**
 * The kernel process Jupyter starts: {@code java ... io.keras4j.jupyter.KernelMain
 * <connection file>} (see {@code keras4j-examples/notebooks/install-kernel.sh}).
 */
public final class KernelMain {
    private KernelMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: KernelMain <connection file>  (Jupyter passes {connection_file})");
            System.exit(2);
        }
        KernelConnectionProperties props = KernelConnectionProperties.parse(Files.readString(Path.of(args[0])));
        JupyterConnection connection = new JupyterConnection(props);
        KerasKernel kernel = KerasKernel.create();
        kernel.onStartup(); // the cells' display(...) talks to this kernel
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        connection.waitUntilClose();
        kernel.onShutdown(false);
    }
}
