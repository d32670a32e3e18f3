package tower.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import tower.server.ServerConfig;
import tower.server.TowerServer;
import tower.server.auth.DuckCatalog;
import tower.server.demo.Demo;
import tower.store.Store;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"The web dashboard and REST API over the store (see README: Web dashboard and REST API).",
                "Binds 127.0.0.1 unless --host opens it. --demo fills an empty store with the bundled samples and "
                        + "generated tests and prints the URL and a login token."})
final class ServeCommand implements Callable<Integer> {
    @CommandLine.Option(names = "--port", description = "TCP port (default ${DEFAULT-VALUE}; 0 = any free port).")
    int port = ServerConfig.DEFAULT_PORT;

    @CommandLine.Option(names = "--host", description = "Interface to bind (default ${DEFAULT-VALUE}).")
    String host = "127.0.0.1";

    @CommandLine.Option(names = "--demo", description = "Load the demo data into an empty store; print the URL and a login token.")
    boolean demo;

    @CommandLine.Option(names = "--max-upload-mb", paramLabel = "MB", description = "Largest upload (default ${DEFAULT-VALUE}).")
    long maxUploadMb = ServerConfig.DEFAULT_MAX_UPLOAD_MB;

    @CommandLine.Option(names = "--samples", paramLabel = "DIR", description = "Sample folder for --demo (default: the repository's samples/).")
    Path samples;

    @CommandLine.Mixin
    StoreOptions store;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Released to stop a server started in-process (tests); the launcher's server stops with the JVM. */
    static volatile CountDownLatch stop = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--port must be 0 to 65535");
        }
        if (maxUploadMb < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--max-upload-mb must be at least 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        ServerConfig config = ServerConfig.defaults().withHost(host).withPort(port).withMaxUploadBytes(maxUploadMb << 20);
        Store s = store.open();
        TowerServer server = null;
        try {
            Demo.Login login = null;
            if (demo) {
                Path dir = samples != null ? samples : Path.of(System.getProperty("tower.home", "."), "samples");
                login = Demo.prepare(s, Main.pipeline(), new DuckCatalog(s), dir, out);
            }
            server = TowerServer.start(config, s, Main.pipeline());
            out.println("tower serve: " + server.url() + " (store " + store.dir() + "); Ctrl-C stops it");
            if (login != null) {
                out.println("log in as " + login.email() + " with this token (shown once):");
                out.println(login.token());
            }
            out.flush();
            TowerServer running = server;
            Thread hook = new Thread(() -> {
                running.close();
                s.close();
            }, "tower-serve-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            stop.await();
            Runtime.getRuntime().removeShutdownHook(hook);
            return 0;
        } finally {
            if (server != null) {
                server.close();
            }
            s.close();
        }
    }
}
