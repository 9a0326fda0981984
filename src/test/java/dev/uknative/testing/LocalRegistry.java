package dev.uknative.testing;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code docker-registry} (distribution 2.8) on 127.0.0.1 and a free port, storing in a
 * folder of the test's, optionally behind htpasswd (bcrypt, made with apache2-utils' htpasswd -B).
 */
public final class LocalRegistry implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private LocalRegistry(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts a registry; with {@code user}, it asks for that user and {@code password}. */
    public static LocalRegistry start(Path work, Optional<String> user, String password) throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path storage = Files.createDirectories(work.resolve("registry-storage-" + port));
        StringBuilder config = new StringBuilder("version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: ")
                .append(storage).append("\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:").append(port).append('\n');
        if (user.isPresent()) {
            Path htpasswd = work.resolve("htpasswd-" + port);
            Process p = new ProcessBuilder(List.of("htpasswd", "-B", "-b", "-c", htpasswd.toString(), user.get(), password))
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IOException("htpasswd failed: " + out);
            }
            config.append("auth:\n  htpasswd:\n    realm: uknative-test\n    path: ").append(htpasswd).append('\n');
        }
        Path configFile = work.resolve("registry-" + port + ".yml");
        Files.writeString(configFile, config);
        Path log = work.resolve("registry-" + port + ".log");
        Process process = new ProcessBuilder(List.of("docker-registry", "serve", configFile.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        LocalRegistry registry = new LocalRegistry(process, port, log);
        for (int i = 0; i < 200; i++) {
            if (!process.isAlive()) {
                throw new IOException("docker-registry ended: " + Files.readString(log));
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/v2/").toURL().openConnection();
                c.setConnectTimeout(200);
                int code = c.getResponseCode();
                c.disconnect();
                if (code == 200 || code == 401) {
                    return registry;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        registry.close();
        throw new IOException("docker-registry did not answer on port " + port);
    }

    public int port() {
        return port;
    }

    public String host() {
        return "127.0.0.1:" + port;
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    /** Runs skopeo (the independent reader) and returns its stdout; fails with its output when it fails. */
    public static String skopeo(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("skopeo"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes());
        String err = new String(p.getErrorStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed:\n" + out + err);
        }
        return out;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the registry at once (SIGKILL), as a crash would. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
