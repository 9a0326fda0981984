package dev.uknative.oci;

import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.http.FailoverHttpClient;
import com.google.cloud.tools.jib.http.Request;
import com.google.cloud.tools.jib.http.Response;
import java.io.IOException;
import java.net.URL;
import java.util.function.Consumer;

/**
 * Jib's HTTP client speaking plain HTTP from the first request, for a registry on this machine. Jib
 * asks for {@code https://} always and, allowed to fail over, tries TLS twice (verified, then not)
 * before plain HTTP, with a warning each time: about a second and two warnings per command for a
 * registry that is known to speak HTTP (Docker treats loopback registries as insecure by default).
 */
final class LoopbackHttpClient extends FailoverHttpClient {

    LoopbackHttpClient(Consumer<LogEvent> logger) {
        super(true, true, logger);
    }

    @Override
    public Response call(String httpMethod, URL url, Request request) throws IOException {
        URL plain = url.getProtocol().equals("https") ? new URL("http", url.getHost(), url.getPort(), url.getFile()) : url;
        return super.call(httpMethod, plain, request);
    }
}
