package dev.uknative.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.uknative.core.ExitCode;
import dev.uknative.core.UknativeException;
import dev.uknative.kconfig.KconfigParser;
import dev.uknative.kconfig.KconfigTree;
import dev.uknative.project.Kraftfile;
import dev.uknative.project.KraftfileEditor;
import dev.uknative.project.KraftfileReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one way a project's kconfig is changed ({@code config set/unset} and the menu), on the menu
 * tests' small Kconfig tree (src/test/resources/menu/Config.uk): a select, a range, a choice.
 */
class ProjectConfigurationTest {

    private static final String KRAFTFILE = """
            spec: v0.6
            name: demo
            unikraft:
              kconfig:
                CONFIG_SCHED_PREEMPT: y
            targets:
              - qemu/x86_64
            """;

    private static KconfigTree tree;

    @TempDir
    Path app;

    @BeforeAll
    static void parseTree() throws Exception {
        tree = KconfigParser.parse(Path.of(ProjectConfigurationTest.class.getResource("/menu/Config.uk").toURI()), Map.of());
    }

    @Test
    void twoChangesAtOnceThroughTheUseCaseBothLandInTwentyRoundsOfTwenty() throws Exception {
        for (int round = 0; round < 20; round++) {
            Files.writeString(app.resolve("Kraftfile"), KRAFTFILE);
            ProjectConfiguration one = configuration(ProjectConfiguration.Defaults.KEEP);
            ProjectConfiguration other = configuration(ProjectConfiguration.Defaults.KEEP);
            CyclicBarrier start = new CyclicBarrier(2);
            CompletableFuture<?> a = CompletableFuture.runAsync(() -> {
                await(start);
                one.set(Map.of("CONFIG_COUNT", "7"));
            });
            CompletableFuture<?> b = CompletableFuture.runAsync(() -> {
                await(start);
                other.set(Map.of("GREETING", "hi"));
            });
            a.get(30, TimeUnit.SECONDS);
            b.get(30, TimeUnit.SECONDS);

            assertThat(Files.readString(app.resolve("Kraftfile"))).as("round %d", round)
                    .contains("CONFIG_COUNT: 7").contains("CONFIG_GREETING: \"hi\"");
        }
    }

    @Test
    void configSetWritesADefaultAsAskedWhileTheMenuRemovesTheEntryInstead() throws Exception {
        Files.writeString(app.resolve("Kraftfile"), KRAFTFILE.replace("CONFIG_SCHED_PREEMPT: y", "CONFIG_COUNT: 9"));

        configuration(ProjectConfiguration.Defaults.KEEP).set(Map.of("CONFIG_COUNT", "4"));
        assertThat(Files.readString(app.resolve("Kraftfile"))).contains("CONFIG_COUNT: 4");

        ProjectConfiguration.Outcome menu = configuration(ProjectConfiguration.Defaults.REMOVE).set(Map.of("CONFIG_COUNT", "4"));
        assertThat(Files.readString(app.resolve("Kraftfile"))).doesNotContain("CONFIG_COUNT");
        assertThat(((ProjectConfiguration.Applied) menu).written().removed()).containsExactly("CONFIG_COUNT");
    }

    @Test
    void pickingAChoiceEntryRemovesTheOtherEntrysYForConfigSetToo() throws Exception {
        Files.writeString(app.resolve("Kraftfile"), KRAFTFILE);

        ProjectConfiguration.Outcome outcome = configuration(ProjectConfiguration.Defaults.KEEP).set(Map.of("CONFIG_SCHED_COOP", "y"));

        assertThat(Files.readString(app.resolve("Kraftfile"))).contains("CONFIG_SCHED_COOP: y").doesNotContain("CONFIG_SCHED_PREEMPT");
        assertThat(((ProjectConfiguration.Applied) outcome).written().removed()).containsExactly("CONFIG_SCHED_PREEMPT");
    }

    @Test
    void aValueThatCannotHoldIsRefusedAndNothingIsWritten() throws Exception {
        Files.writeString(app.resolve("Kraftfile"), KRAFTFILE);

        ProjectConfiguration.Outcome outcome = configuration(ProjectConfiguration.Defaults.KEEP).set(Map.of("CONFIG_COUNT", "99"));

        assertThat(outcome).isInstanceOfSatisfying(ProjectConfiguration.Refused.class, r ->
                assertThat(r.describe()).contains("CONFIG_COUNT=99 cannot hold").contains("fix: "));
        assertThat(app.resolve("Kraftfile")).hasContent(KRAFTFILE);
    }

    @Test
    void aReadOnlyKraftfileIsAnEnvironmentErrorAtTheFileAndStaysAsItWas() throws Exception {
        Path file = app.resolve("Kraftfile");
        Files.writeString(file, KRAFTFILE);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
        ProjectConfiguration configuration = configuration(ProjectConfiguration.Defaults.KEEP);

        assertThatThrownBy(() -> configuration.set(Map.of("CONFIG_COUNT", "5")))
                .isInstanceOfSatisfying(UknativeException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.ENVIRONMENT);
                    assertThat(e.describe()).startsWith(file.toString()).contains("read-only");
                });
        assertThatThrownBy(() -> configuration.unset(java.util.List.of("CONFIG_SCHED_PREEMPT")))
                .isInstanceOfSatisfying(UknativeException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.ENVIRONMENT));
        assertThat(file).hasContent(KRAFTFILE);
    }

    private ProjectConfiguration configuration(ProjectConfiguration.Defaults defaults) {
        Kraftfile kraftfile = new KraftfileReader().read(app.resolve("Kraftfile"));
        return new ProjectConfiguration(tree, kraftfile, kraftfile.targets().get(0), KraftfileEditor.Scope.unikraft(), defaults, "test");
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
