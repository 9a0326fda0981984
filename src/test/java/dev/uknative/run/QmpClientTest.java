package dev.uknative.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The QMP conversation against a scripted server on a Unix socket (the real QEMU: DetachedMachinesTest). */
class QmpClientTest {

    private static final String GREETING = "{\"QMP\": {\"version\": {\"qemu\": {\"micro\": 0, \"minor\": 2, \"major\": 7}}, \"capabilities\": [\"oob\"]}}";

    @TempDir
    Path work;

    @Test
    void negotiatesThenQuits() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> server = serve((in, out) -> {
            send(out, GREETING);
            received.add(in.readLine());
            send(out, "{\"return\": {}}");
            received.add(in.readLine());
            send(out, "{\"timestamp\": {\"seconds\": 1, \"microseconds\": 2}, \"event\": \"SHUTDOWN\", \"data\": {\"guest\": false}}");
            send(out, "{\"return\": {}}");
        });

        QmpClient.quit(work.resolve("qmp.sock"), Duration.ofSeconds(10));

        server.get(10, TimeUnit.SECONDS);
        assertThat(received).containsExactly("{\"execute\": \"qmp_capabilities\"}", "{\"execute\": \"quit\"}");
    }

    @Test
    void aConnectionClosedAfterQuitIsFine() throws Exception {
        CompletableFuture<Void> server = serve((in, out) -> {
            send(out, GREETING);
            in.readLine();
            send(out, "{\"return\": {}}");
            in.readLine();
        });

        QmpClient.quit(work.resolve("qmp.sock"), Duration.ofSeconds(10));

        server.get(10, TimeUnit.SECONDS);
    }

    @Test
    void anErrorAnswerIsReportedWithItsDescription() {
        serve((in, out) -> {
            send(out, GREETING);
            in.readLine();
            send(out, "{\"error\": {\"class\": \"CommandNotFound\", \"desc\": \"The command qmp_capabilities has not been found\"}}");
        });

        assertThatThrownBy(() -> QmpClient.quit(work.resolve("qmp.sock"), Duration.ofSeconds(10)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("refused qmp_capabilities: The command qmp_capabilities has not been found");
    }

    @Test
    void aSilentServerTimesOut() {
        CompletableFuture<Void> release = new CompletableFuture<>();
        serve((in, out) -> release.join());
        try {
            long start = System.nanoTime();
            assertThatThrownBy(() -> QmpClient.quit(work.resolve("qmp.sock"), Duration.ofMillis(300)))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("did not answer");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        } finally {
            release.complete(null);
        }
    }

    @Test
    void aMissingSocketFailsAtOnce() {
        assertThatThrownBy(() -> QmpClient.quit(work.resolve("none.sock"), Duration.ofSeconds(10)))
                .isInstanceOf(IOException.class);
    }

    interface Script {
        void play(BufferedReader in, OutputStream out) throws IOException;
    }

    /** Accepts one connection on work/qmp.sock and plays the script on it. */
    private CompletableFuture<Void> serve(Script script) {
        Path socket = work.resolve("qmp.sock");
        ServerSocketChannel listener;
        try {
            listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            listener.bind(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return CompletableFuture.runAsync(() -> {
            try (listener; SocketChannel client = listener.accept()) {
                BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(client), StandardCharsets.UTF_8));
                script.play(in, Channels.newOutputStream(client));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
    }

    private static void send(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
