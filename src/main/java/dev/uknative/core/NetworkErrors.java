package dev.uknative.core;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Why a download or clone could not reach its server, in words: JGit reports an unknown host as its
 * bare name ("github.com") and Java's HTTP client as a {@code ConnectException} without a message,
 * whose cause is an {@code UnresolvedAddressException}.
 */
public final class NetworkErrors {

    private NetworkErrors() {
    }

    /**
     * Why {@code failure} could not reach a server, when one of its causes says so: "unknown host H
     * (no network, or no DNS?)", "connection refused", "timed out", "no route"; empty for any other
     * failure, whose own message the caller keeps.
     *
     * @param host the server asked for, named when the cause does not carry a name (Java's HTTP client
     *             follows redirects, so the host that failed may be one it was sent to: said so)
     */
    public static Optional<String> reason(Throwable failure, String host) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        for (Throwable t : chain) {
            if (t instanceof UnknownHostException && t.getMessage() != null) {
                return Optional.of("unknown host " + t.getMessage() + " (no network, or no DNS?)");
            }
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
                return Optional.of("cannot resolve " + (host == null ? "the server's name" : host + " or a host it redirected to")
                        + " (no network, or no DNS?)");
            }
        }
        String where = host == null ? "" : " " + host;
        for (Throwable t : chain) {
            if (t instanceof HttpConnectTimeoutException || t instanceof SocketTimeoutException) {
                return Optional.of("timed out connecting to" + (host == null ? " the server" : where));
            }
            if (t instanceof NoRouteToHostException) {
                return Optional.of("no route to" + (host == null ? " the host" : where));
            }
            if (t instanceof ConnectException && (t.getMessage() == null || t.getMessage().contains("refused"))) {
                return Optional.of("connection refused" + (host == null ? "" : " by" + where));
            }
        }
        return Optional.empty();
    }
}
