package dev.uknative.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uknative.app.Paths;
import dev.uknative.testing.CliRun;
import dev.uknative.testing.RequiresUnikraft;
import dev.uknative.testing.UnikraftCondition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two different apps on the same Unikraft tree and configuration, in folders at different depths,
 * built through a compile cache of their own (real make, gcc and ccache): the second takes the
 * Unikraft objects from the cache.
 */
@RequiresUnikraft
@Tag("e2e")
class CompileCacheEndToEndTest {

    /** gcc's default debug level: -g3 (Unikraft's) would put each app's folder and name into every object. */
    private static final String KCONFIG = """
            unikraft:
              kconfig:
                CONFIG_LIBUKRANDOM: n
                CONFIG_DEBUG_SYMBOLS_LVL2: y
            """;
    private static final Pattern SUMMARY = Pattern.compile("(\\d+) of (\\d+) objects from the compile cache");

    @TempDir
    Path work;

    private String previousCache;

    @BeforeEach
    void ownCache() {
        previousCache = System.setProperty(Paths.CACHE_PROPERTY, work.resolve("cache").toString());
    }

    @AfterEach
    void restoreCache() {
        if (previousCache == null) {
            System.clearProperty(Paths.CACHE_PROPERTY);
        } else {
            System.setProperty(Paths.CACHE_PROPERTY, previousCache);
        }
    }

    @Test
    void aSecondAppInAnotherFolderTakesUnikraftsObjectsFromTheCache() throws IOException {
        Path first = app(work.resolve("one"), "first", "Hello from the first app");
        Path second = app(work.resolve("deeper/folder/two"), "second", "The second app says hello");

        CliRun cold = build(first);
        assertThat(cold.exitCode()).as(cold.toString()).isZero();
        int[] coldCounts = counts(cold);
        assertThat(coldCounts[0]).as(cold.err()).isZero();
        assertThat(coldCounts[1]).as(cold.err()).isGreaterThan(50);

        CliRun warm = build(second);
        assertThat(warm.exitCode()).as(warm.toString()).isZero();
        int[] warmCounts = counts(warm);
        // Only what really differs is compiled again: the app's main.c, the platform code that embeds
        // the app's name (CONFIG_UK_NAME, the default argv[0]), and uklibid's lists of library names
        // (6 of 103 objects on RELEASE-0.17.0).
        assertThat(warmCounts[1]).isEqualTo(coldCounts[1]);
        assertThat(warmCounts[0]).as(warm.err()).isGreaterThanOrEqualTo(coldCounts[1] - 8);
        assertThat(work.resolve("cache/ccache")).isDirectory();

        CliRun without = CliRun.of("build", second.toString(), "--force", "--no-compile-cache", "--unikraft-source",
                UnikraftCondition.tree().toString(), "-j2");
        assertThat(without.exitCode()).as(without.toString()).isZero();
        assertThat(without.err()).doesNotContain("from the compile cache");

        CliRun prune = CliRun.of("cache", "prune");
        assertThat(prune.exitCode()).as(prune.toString()).isZero();
        assertThat(prune.err()).containsPattern("Removed [0-9.]+ [KM]iB of compiled objects from " + Pattern.quote(work.resolve("cache/ccache").toString()));
    }

    private static CliRun build(Path app) {
        return CliRun.of("build", app.toString(), "--unikraft-source", UnikraftCondition.tree().toString(), "-j2");
    }

    private static int[] counts(CliRun run) {
        Matcher m = SUMMARY.matcher(run.err());
        assertThat(m.find()).as(run.err()).isTrue();
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
    }

    private static Path app(Path folder, String name, String greeting) throws IOException {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("Kraftfile"), "spec: v0.6\nname: " + name + "\n" + KCONFIG + "targets:\n  - qemu/x86_64\n");
        String lib = "app" + name;
        Files.writeString(folder.resolve("Makefile.uk"), "$(eval $(call addlib," + lib + "))\n"
                + lib.toUpperCase() + "_SRCS-y += $(" + lib.toUpperCase() + "_BASE)/main.c\n");
        Files.writeString(folder.resolve("main.c"), "#include <stdio.h>\n\nint main(void)\n{\n\tprintf(\"" + greeting + "\\n\");\n\treturn 0;\n}\n");
        return folder;
    }
}
