package dev.uknative.oci;

import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.api.CredentialRetriever;
import com.google.cloud.tools.jib.api.InsecureRegistryException;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.api.RegistryUnauthorizedException;
import com.google.cloud.tools.jib.blob.Blobs;
import com.google.cloud.tools.jib.event.EventHandlers;
import com.google.cloud.tools.jib.frontend.CredentialRetrieverFactory;
import com.google.cloud.tools.jib.http.FailoverHttpClient;
import com.google.cloud.tools.jib.image.json.BuildableManifestTemplate;
import com.google.cloud.tools.jib.image.json.ManifestTemplate;
import com.google.cloud.tools.jib.registry.ManifestAndDigest;
import com.google.cloud.tools.jib.registry.RegistryClient;
import dev.uknative.core.Reporter;
import dev.uknative.core.UknativeException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Pushes and pulls images with Jib core's registry client: Docker Registry HTTP API v2 with token
 * (bearer) or basic authentication, credentials from Docker's config file and the credential helpers
 * it names ({@code credsStore}, {@code credHelpers}), as Jib and Docker find them. Plain HTTP only for
 * a registry on this machine ({@link ImageRef#isLoopback()}), as Docker does; TLS everywhere else.
 */
public final class Registry {

    /** How a push went: the digest the registry now serves under the tag, and which blobs it already had. */
    public record PushResult(String digest, int uploaded, int skipped) {
    }

    private final Path dockerConfig;
    private final Reporter reporter;

    /** @param dockerConfig Docker's {@code config.json} ({@code $DOCKER_CONFIG/config.json}, else {@code ~/.docker/config.json}) */
    public Registry(Path dockerConfig, Reporter reporter) {
        this.dockerConfig = dockerConfig;
        this.reporter = reporter;
    }

    /** Uploads the blobs the registry lacks, then the manifest under the reference's tag. */
    public PushResult push(PackedImage image, ImageRef ref) {
        if (ref.tag().isEmpty()) {
            throw UknativeException.usage("cannot push to " + ref + ": a push needs a tag, not a digest",
                    "write the name as REPOSITORY:TAG, e.g. " + ref.registry() + "/" + ref.repository() + ":latest");
        }
        return call(ref, "push to", () -> {
            RegistryClient client = client(ref, true);
            int uploaded = 0;
            int skipped = 0;
            List<Blob> blobs = new ArrayList<>(image.layers());
            blobs.add(image.config());
            for (Blob blob : blobs) {
                if (client.checkBlob(ImagePacker.digest(blob.digest())).isPresent()) {
                    skipped++;
                    continue;
                }
                reporter.progress("Uploading " + blob.digest().substring(0, 19) + " (" + blob.size() + " bytes)");
                client.pushBlob(ImagePacker.digest(blob.digest()), Blobs.from(out -> out.write(blob.content()), true), null, n -> { });
                uploaded++;
            }
            UnikernelManifest manifest = ImagePacker.manifest(image.config(), image.layers(), image.annotations());
            String digest = client.pushManifest(manifest, ref.tag().get()).toString();
            if (!digest.equals(image.digest())) {
                throw new IllegalStateException("the pushed manifest's digest " + digest + " is not the packaged one " + image.digest());
            }
            return new PushResult(digest, uploaded, skipped);
        });
    }

    /**
     * Fetches the manifest of {@code ref}, then each blob the cache does not hold, each checked against its
     * digest before it is kept; records the image in the cache.
     */
    public CachedImage pull(ImageRef ref, ImageCache cache) {
        return call(ref, "pull from", () -> {
            RegistryClient client = client(ref, false);
            ManifestAndDigest<ManifestTemplate> pulled = client.pullManifest(ref.qualifier());
            String digest = pulled.getDigest().toString();
            if (ref.digest().isPresent() && !ref.digest().get().equals(digest)) {
                throw UknativeException.toolFailed(ref + " was served with the digest " + digest,
                        "the registry sent another manifest than the one asked for: check the registry");
            }
            if (!(pulled.getManifest() instanceof BuildableManifestTemplate manifest)) {
                throw UknativeException.invalidInput(null, ref + " is a multi-platform index, not one image",
                        "give the digest of the image for this machine's platform, REPOSITORY@sha256:…");
            }
            if (manifest.getContainerConfiguration() == null) {
                throw UknativeException.invalidInput(null, ref + "'s manifest names no config", "push the image again");
            }
            CachedImage.Descriptor config = descriptor(ImagePacker.CONFIG_MEDIA_TYPE, manifest.getContainerConfiguration());
            List<CachedImage.Descriptor> layers = new ArrayList<>();
            for (BuildableManifestTemplate.ContentDescriptorTemplate layer : manifest.getLayers()) {
                // Jib's templates keep no per-layer media type: both kinds it reads hold gzip'd tars.
                layers.add(descriptor(manifest instanceof com.google.cloud.tools.jib.image.json.OciManifestTemplate
                        ? ImagePacker.LAYER_MEDIA_TYPE : "application/vnd.docker.image.rootfs.diff.tar.gzip", layer));
            }
            CachedImage image = new CachedImage(ref.toString(), digest, config, layers);
            for (CachedImage.Descriptor blob : image.blobs()) {
                if (!cache.has(blob.digest())) {
                    reporter.progress("Downloading " + blob.digest().substring(0, 19) + " (" + blob.size() + " bytes)");
                    com.google.cloud.tools.jib.blob.Blob remote = client.pullBlob(ImagePacker.digest(blob.digest()), n -> { }, n -> { });
                    cache.put(blob.digest(), remote::writeTo, ref.registry());
                }
            }
            cache.record(image);
            return image;
        });
    }

    private static CachedImage.Descriptor descriptor(String mediaType, BuildableManifestTemplate.ContentDescriptorTemplate template) {
        return new CachedImage.Descriptor(mediaType, template.getDigest().toString(), template.getSize());
    }

    private RegistryClient client(ImageRef ref, boolean push) throws IOException, RegistryException {
        reachable(ref);
        // Plain HTTP for loopback registries only; TLS, with no failover, everywhere else.
        FailoverHttpClient http = ref.isLoopback() ? new LoopbackHttpClient(this::log) : new FailoverHttpClient(false, false, this::log);
        Optional<Credential> credential = credential(ref);
        RegistryClient client = RegistryClient.factory(EventHandlers.builder().add(LogEvent.class, this::log).build(),
                ref.registry(), ref.repository(), http)
                .setCredential(credential.orElse(null)).setUserAgent("uknative").newRegistryClient();
        boolean bearer = push ? client.doPushBearerAuth() : client.doPullBearerAuth();
        if (!bearer && credential.isPresent()) {
            client.configureBasicAuth();
        }
        return client;
    }

    private Optional<Credential> credential(ImageRef ref) {
        CredentialRetriever retriever = CredentialRetrieverFactory.forImage(ref.jib(), this::log).dockerConfig(dockerConfig);
        try {
            return retriever.retrieve();
        } catch (Exception e) {
            throw UknativeException.environment("cannot read the credentials for " + ref.registry() + " from " + dockerConfig
                    + ": " + e.getMessage(), "check the file (or the credential helper it names); docker login " + ref.registry() + " writes it");
        }
    }

    /** Jib's own messages (retries, failures it then throws) only with --verbose: the exception says it once. */
    private void log(LogEvent event) {
        if (event.getLevel() == LogEvent.Level.WARN || event.getLevel() == LogEvent.Level.ERROR) {
            reporter.detail(event.getMessage().replaceAll("\u001B\\[[0-9;]*m", ""));
        }
    }

    /**
     * Connects once before Jib does: Jib's HTTP client retries a refused connection ten times with
     * back-off, which makes "the registry is down" take seconds and ten warnings to say.
     */
    private static void reachable(ImageRef ref) throws IOException {
        String registry = ref.registry();
        String host = registry;
        int port = ref.isLoopback() ? 80 : 443;
        int colon = registry.lastIndexOf(':');
        if (colon > 0 && registry.indexOf(']') < colon) {
            host = registry.substring(0, colon);
            port = Integer.parseInt(registry.substring(colon + 1));
        }
        if (host.equals("registry-1.docker.io") || host.equals("docker.io")) {
            return; // Jib maps Docker Hub's names itself
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host.replace("[", "").replace("]", ""), port), 10_000);
        }
    }

    @FunctionalInterface
    private interface RegistryCall<T> {
        T call() throws IOException, RegistryException;
    }

    /** Turns Jib's exceptions into the user's words: down, refused credentials, no TLS, not found. */
    private <T> T call(ImageRef ref, String verb, RegistryCall<T> body) {
        String where = ref.registry();
        try {
            return body.call();
        } catch (RegistryUnauthorizedException e) {
            throw UknativeException.environment("the registry " + where + " refused the credentials for " + ref.repository()
                    + (Files.isRegularFile(dockerConfig) ? "" : " (there are none: " + dockerConfig + " does not exist)"),
                    "log in: put its credentials in " + dockerConfig + " (docker login " + where + ") or name a credential helper there");
        } catch (InsecureRegistryException e) {
            throw UknativeException.environment("the registry " + where + " does not speak HTTPS",
                    "uknative uses plain HTTP only for registries on this machine (localhost, 127.0.0.1): give the registry TLS");
        } catch (RegistryException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (message.contains("MANIFEST_UNKNOWN") || message.contains("NAME_UNKNOWN") || message.contains("manifest unknown")) {
                throw UknativeException.invalidInput(null, ref + " is not in the registry " + where, "check the name and the tag (uknative pkg --push made it?)");
            }
            throw UknativeException.toolFailed("cannot " + verb + " " + where + ": " + message, "check the reference and the registry's logs");
        } catch (IOException e) {
            Throwable cause = rootCause(e);
            if (cause instanceof ConnectException || cause instanceof NoRouteToHostException || cause instanceof SocketTimeoutException) {
                throw UknativeException.environment("cannot reach the registry " + where + ": " + cause.getMessage(),
                        "is the registry running, and is the host and port right?");
            }
            if (cause instanceof UnknownHostException) {
                throw UknativeException.environment("cannot reach the registry " + where + ": unknown host",
                        "check the registry's name in the reference");
            }
            if (cause instanceof SSLException) {
                throw UknativeException.environment("cannot " + verb + " " + where + " over TLS: " + cause.getMessage(),
                        "uknative uses plain HTTP only for registries on this machine; check the registry's certificate");
            }
            throw UknativeException.toolFailed("cannot " + verb + " " + where + ": " + cause, "check the registry and the network");
        }
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
