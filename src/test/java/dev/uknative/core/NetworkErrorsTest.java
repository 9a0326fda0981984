package dev.uknative.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A failure to reach a server is said in words, from whatever exception wraps the cause. */
class NetworkErrorsTest {

    @Test
    void jgitsUnknownHostIsNamed() {
        // JGit's TransportException carries only "URL: host" with the UnknownHostException as its cause.
        Exception jgit = new IOException("https://github.com/unikraft/unikraft.git: github.com", new UnknownHostException("github.com"));
        assertThat(NetworkErrors.reason(jgit, null)).hasValue("unknown host github.com (no network, or no DNS?)");
    }

    @Test
    void theHttpClientsMessagelessConnectExceptionIsNamedWithTheRedirectsItMayHaveFollowed() {
        ConnectException http = new ConnectException();
        http.initCause(new UnresolvedAddressException());
        assertThat(NetworkErrors.reason(http, "github.com"))
                .hasValue("cannot resolve github.com or a host it redirected to (no network, or no DNS?)");
    }

    @Test
    void otherFailuresAreLeftToTheCaller() {
        Exception e = new IOException("PKIX path building failed", new IOException("unable to find valid certification path"));
        assertThat(NetworkErrors.reason(e, "h")).isEmpty();
    }

    @Test
    void aRealRefusedConnectionFromJavasHttpClient() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/x")).build(), HttpResponse.BodyHandlers.discarding());
            throw new AssertionError("a closed port answered");
        } catch (IOException e) {
            assertThat(NetworkErrors.reason(e, "127.0.0.1")).hasValue("connection refused by 127.0.0.1");
        }
    }
}
