package dev.uknative.run;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Talks to QEMU's QMP socket (docs/interop/qmp-spec): QEMU greets with {@code {"QMP": …}}, the client
 * leaves capabilities negotiation with {@code qmp_capabilities}, then sends commands; every message
 * is one JSON object on one line, and asynchronous {@code {"event": …}} lines may come in between.
 * Only what stopping a machine needs: a string match on the answers, no JSON library.
 */
public final class QmpClient {

    private static final Pattern ERROR_DESCRIPTION = Pattern.compile("\"desc\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private QmpClient() {
    }

    /**
     * Asks QEMU to quit. Returns once QEMU acknowledged it or closed the connection.
     *
     * @param timeout for the whole conversation
     * @throws IOException when the socket cannot be reached, QEMU refuses, or does not answer in time
     */
    public static void quit(Path socket, Duration timeout) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            AtomicBoolean timedOut = new AtomicBoolean();
            Thread watchdog = watchdog(channel, timeout, timedOut);
            try {
                channel.connect(UnixDomainSocketAddress.of(socket));
                BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
                OutputStream out = Channels.newOutputStream(channel);
                String greeting = in.readLine();
                if (greeting == null || !greeting.contains("\"QMP\"")) {
                    throw new IOException("no QMP greeting on " + socket + (greeting == null ? "" : ": " + greeting));
                }
                send(out, "{\"execute\": \"qmp_capabilities\"}");
                if (!answer(in, "qmp_capabilities")) {
                    throw new IOException("QEMU closed the QMP connection during capabilities negotiation");
                }
                send(out, "{\"execute\": \"quit\"}");
                // QEMU may close the socket before the answer arrives: both mean it is quitting.
                answer(in, "quit");
            } catch (IOException e) {
                if (timedOut.get()) {
                    throw new IOException("QEMU did not answer on " + socket + " within " + timeout.toMillis() + " ms", e);
                }
                throw e;
            } finally {
                watchdog.interrupt();
            }
        }
    }

    /** True for a {@code return}, false at the end of the stream; an {@code error} is thrown. */
    private static boolean answer(BufferedReader in, String command) throws IOException {
        String line;
        while ((line = in.readLine()) != null) {
            if (line.contains("\"return\"")) {
                return true;
            }
            if (line.contains("\"error\"")) {
                Matcher m = ERROR_DESCRIPTION.matcher(line);
                throw new IOException("QEMU refused " + command + ": " + (m.find() ? m.group(1) : line));
            }
            // An event: not the answer.
        }
        return false;
    }

    private static void send(OutputStream out, String command) throws IOException {
        out.write((command + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Closes the channel when time is up, which ends a blocked read or connect with an exception. */
    private static Thread watchdog(SocketChannel channel, Duration timeout, AtomicBoolean timedOut) {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(Math.max(1, timeout.toMillis()));
                timedOut.set(true);
                channel.close();
            } catch (InterruptedException e) {
                // The conversation ended in time.
            } catch (IOException e) {
                // Closing failed: the blocked call stays blocked until QEMU answers or exits.
            }
        }, "uknative-qmp-watchdog");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
