package dev.uknative.core;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.ArrayList;
import java.util.List;

/**
 * Why a download or clone could not reach its server, in words: JGit reports an unknown host as its
 * bare name ("github.com") and Java's HTTP client as a {@code ConnectException} without a message,
 * whose cause is an {@code UnresolvedAddressException}.
 */
public final class NetworkErrors {

    private NetworkErrors() {
    }

    /**
     * The reason of {@code failure} from its causes: "unknown host H (no network, or no DNS?)",
     * "connection refused", "timed out", else the deepest message, else the exception's name.
     *
     * @param host the server's name, when the causes may not carry it (may be null)
     */
    public static String reason(Throwable failure, String host) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        String where = host == null ? "" : " " + host;
        for (Throwable t : chain) {
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
                String name = host != null ? host : t.getMessage();
                return "unknown host" + (name == null ? "" : " " + name) + " (no network, or no DNS?)";
            }
        }
        for (Throwable t : chain) {
            if (t instanceof HttpConnectTimeoutException || t instanceof SocketTimeoutException) {
                return "timed out connecting to" + (host == null ? " the server" : where);
            }
            if (t instanceof NoRouteToHostException) {
                return "no route to" + (host == null ? " the host" : where);
            }
            if (t instanceof ConnectException && (t.getMessage() == null || t.getMessage().contains("refused"))) {
                return "connection refused" + (host == null ? "" : " by" + where);
            }
        }
        String message = null;
        for (Throwable t : chain) {
            if (t.getMessage() != null) {
                message = t.getMessage();
            }
        }
        return message != null ? message : failure.getClass().getSimpleName();
    }
}
