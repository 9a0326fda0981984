package dev.uknative.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uknative.testing.RequiresUnikraft;
import dev.uknative.testing.UnikraftCondition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Library parameters read from the sources: a made-up external library, and Unikraft 0.17.0 against ImageCheck's own table. */
class LibraryParametersTest {

    @TempDir
    Path dir;

    /** An external library as lib-lwip is laid out: Makefile.uk at its root, the parameter in a C file below. */
    private Path externalLibrary() throws IOException {
        Path lib = Files.createDirectories(dir.resolve("lib-frob/src"));
        Files.writeString(dir.resolve("lib-frob/Makefile.uk"), """
                $(eval $(call addlib_s,libfrob,$(CONFIG_LIBFROB)))
                $(eval $(call uk_libparam_libprefix_set,libfrob,frob))
                LIBFROB_SRCS-y += $(LIBFROB_BASE)/src/frob.c
                """);
        Files.writeString(lib.resolve("frob.c"), """
                #include <uk/libparam.h>
                static int level = 1;
                UK_LIB_PARAM(level, int);
                static char *names[4];
                UK_LIBPARAM_PARAM_ARR_ALIAS(names, &names, charp, 4, "names");
                """);
        Files.createDirectories(dir.resolve("lib-plain"));
        Files.writeString(dir.resolve("lib-plain/Makefile.uk"), "$(eval $(call addlib_s,libplain,$(CONFIG_LIBPLAIN)))\n");
        return dir;
    }

    @Test
    void anExternalLibrarysParametersArePickedUpWithItsPrefixAndOption() throws IOException {
        List<ImageCheck.ParameterLibrary> found = LibraryParameters.scan(List.of(externalLibrary()));

        assertThat(found).singleElement().satisfies(l -> {
            assertThat(l.prefix()).isEqualTo("frob");
            assertThat(l.parameters()).containsExactlyInAnyOrder("level", "names");
            assertThat(l.options()).extracting(ImageCheck.Option::symbol).containsExactly("CONFIG_LIBFROB");
        });
    }

    @Test
    void theCheckTakesAScannedLibrarysParametersAndRefusesItsTypos() throws IOException {
        List<ImageCheck.ParameterLibrary> found = LibraryParameters.scan(List.of(externalLibrary()));
        Map<String, String> config = new HashMap<>(Map.of("CONFIG_ARCH_X86_64", "y", "CONFIG_LIBUKLIBPARAM", "y"));
        ImageCheck.Host host = new ImageCheck.Host(Accelerator.TCG, new QemuVersion(7, 2, 0), Set.of());
        ImageCheck.Flags flags = new ImageCheck.Flags(List.of("frob.level=3", "frob.lvel=3"), Map.of(), List.of(), List.of(), false, 64L << 20, 1);

        ImageCheck.Result result = ImageCheck.check(flags, new ImageCheck.Image(Optional.of(config), OptionalLong.empty(), found), host);

        assertThat(result.missing()).singleElement().satisfies(m -> assertThat(m.command()).isEqualTo("uknative config set CONFIG_LIBFROB=y"));
        assertThat(result.invalid()).singleElement().satisfies(i -> assertThat(i.message()).contains("library frob has no parameter 'lvel'"));
    }

    @Test
    @Tag("e2e")
    @RequiresUnikraft
    void unikraftsOwnParametersAreThoseImageCheckKnowsByName() {
        long start = System.nanoTime();
        List<ImageCheck.ParameterLibrary> found = LibraryParameters.scan(List.of(UnikraftCondition.tree()));
        long millis = (System.nanoTime() - start) / 1_000_000;

        Map<String, Set<String>> scanned = found.stream().collect(Collectors.toMap(ImageCheck.ParameterLibrary::prefix,
                ImageCheck.ParameterLibrary::parameters));
        Map<String, Set<String>> table = ImageCheck.PARAMETER_LIBRARIES.stream().collect(Collectors.toMap(ImageCheck.ParameterLibrary::prefix,
                ImageCheck.ParameterLibrary::parameters));
        System.out.println("LibraryParameters.scan of " + UnikraftCondition.tree() + ": " + scanned + " in " + millis + " ms");
        assertThat(scanned).containsAllEntriesOf(table);
    }
}
