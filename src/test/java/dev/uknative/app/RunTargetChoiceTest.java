package dev.uknative.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uknative.project.Architecture;
import dev.uknative.project.Kraftfile;
import dev.uknative.project.KraftfileReader;
import dev.uknative.project.Platform;
import dev.uknative.project.TargetSelector;
import dev.uknative.project.TargetSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} picks the target once, before building, then hands the build a request narrowed to it:
 * the narrowed request must find that same target again, without asking.
 */
class RunTargetChoiceTest {

    @TempDir
    Path dir;

    private Kraftfile kraftfile(String targets) throws Exception {
        Files.writeString(dir.resolve("Kraftfile"), "spec: v0.6\nname: hello\nunikraft: stable\n" + targets);
        return new KraftfileReader().read(dir.resolve("Kraftfile"));
    }

    private static ProjectRequest project(TargetSelector.Query query) {
        return new ProjectRequest(Path.of("."), query, Optional.empty(), Optional.empty());
    }

    private static List<TargetSpec> again(Kraftfile kraftfile, TargetSpec chosen) {
        return new TargetSelector().candidates(kraftfile, RunProject.narrowed(project(TargetSelector.Query.none()), chosen).target()).fitting();
    }

    @Test
    void anUnnamedTargetIsFoundAgainByPlatformAndArchitecture() throws Exception {
        Kraftfile k = kraftfile("targets:\n- qemu/x86_64\n- fc/x86_64\n- fc/arm64\n");
        TargetSpec fc = k.targets().get(1);
        assertThat(again(k, fc)).containsExactly(fc);
    }

    @Test
    void aNamedTargetIsFoundAgainByItsName() throws Exception {
        Kraftfile k = kraftfile("targets:\n- name: small\n  plat: fc\n  arch: x86_64\n- name: big\n  plat: fc\n  arch: x86_64\n");
        TargetSpec big = k.targets().get(1);
        assertThat(again(k, big)).containsExactly(big);
    }

    @Test
    void theTargetAKraftfileWithoutTargetsImpliesIsFoundAgain() throws Exception {
        Kraftfile k = kraftfile("");
        TargetSpec implied = new TargetSelector().candidates(k, TargetSelector.Query.none()).only();
        List<TargetSpec> found = again(k, implied);
        assertThat(found).hasSize(1);
        assertThat(found.get(0).platform()).isEqualTo(Platform.QEMU);
        assertThat(found.get(0).architecture()).isEqualTo(Architecture.X86_64);
    }
}
