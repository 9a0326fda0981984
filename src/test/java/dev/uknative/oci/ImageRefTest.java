package dev.uknative.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.uknative.core.ExitCode;
import dev.uknative.core.UknativeException;
import org.junit.jupiter.api.Test;

/** Image references: Docker's defaults; loopback registries (the only ones spoken to over plain HTTP). */
class ImageRefTest {

    @Test
    void dockersDefaultsApply() {
        ImageRef hub = ImageRef.parse("hello");
        ImageRef local = ImageRef.parse("localhost:5000/me/hello@sha256:" + "a".repeat(64));

        assertThat(hub.registry()).isEqualTo("registry-1.docker.io");
        assertThat(hub.repository()).isEqualTo("library/hello");
        assertThat(hub.tag()).contains("latest");
        assertThat(local.tag()).as("a digest alone has no tag").isEmpty();
        assertThat(local.digest()).contains("sha256:" + "a".repeat(64));
    }

    @Test
    void onlyRegistriesOnThisMachineAreLoopback() {
        assertThat(ImageRef.parse("localhost:5000/a").isLoopback()).isTrue();
        assertThat(ImageRef.parse("127.0.0.1:5000/a").isLoopback()).isTrue();
        assertThat(ImageRef.parse("127.1.2.3/a").isLoopback()).isTrue();
        assertThat(ImageRef.parse("10.0.0.1:5000/a").isLoopback()).isFalse();
        assertThat(ImageRef.parse("ghcr.io/me/a").isLoopback()).isFalse();
        assertThat(ImageRef.parse("localhost.example.com/a").isLoopback()).isFalse();
    }

    @Test
    void anInvalidReferenceIsAUsageErrorWithAnExample() {
        assertThatThrownBy(() -> ImageRef.parse("Upper/Case:tag")).isInstanceOfSatisfying(UknativeException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
            assertThat(e.hint()).get().asString().contains("localhost:5000/hello:1.0");
        });
    }
}
