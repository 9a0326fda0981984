package dev.uknative.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A {@code git daemon} on loopback serving one repository (bare or not) read-only over git://, as a
 * remote that speaks git's own protocol (shallow fetches included). Needs the git binary.
 */
public final class GitDaemon implements AutoCloseable {

    private final Process process;
    private final String url;

    private GitDaemon(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    /** Whether the git binary is on PATH. */
    public static boolean available() {
        try {
            return new ProcessBuilder("git", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Serves {@code repository} (only it) until closed; {@code log} receives the daemon's messages. */
    public static GitDaemon serve(Path repository, Path log) throws IOException, InterruptedException {
        Path repo = repository.toAbsolutePath().normalize();
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(List.of("git", "daemon", "--export-all", "--reuseaddr", "--listen=127.0.0.1",
                "--port=" + port, "--base-path=" + repo.getParent(), "--informative-errors", repo.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        // The repository may belong to another user (a shared checkout): let upload-pack serve it.
        builder.environment().put("GIT_CONFIG_COUNT", "1");
        builder.environment().put("GIT_CONFIG_KEY_0", "safe.directory");
        builder.environment().put("GIT_CONFIG_VALUE_0", "*");
        Process process = builder.start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                break;
            } catch (IOException notYet) {
                if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                    process.destroyForcibly();
                    throw new IOException("git daemon did not start: " + Files.readString(log));
                }
                Thread.sleep(50);
            }
        }
        return new GitDaemon(process, "git://127.0.0.1:" + port + "/" + repo.getFileName());
    }

    /** The git:// URL of the repository. */
    public String url() {
        return url;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
