package dev.uknative.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uknative.core.Location;
import dev.uknative.core.Reporter;
import dev.uknative.kconfig.UndefinedSelect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configure-time warnings about selects of symbols the Unikraft tree does not define. */
class UndefinedSelectReportTest {

    private static final Path UNIKRAFT = Path.of("/src/unikraft");
    private static final Path APP = Path.of("/home/me/http-c");
    private static final LibraryErrorHint LIBRARIES = new LibraryErrorHint(List.of(
            new LibraryErrorHint.Library("musl", Path.of("/cache/trees/git-aaa"), List.of("libmusl"), "RELEASE-0.16.3"),
            new LibraryErrorHint.Library("lwip", Path.of("/cache/trees/git-7c1859a7"), List.of("liblwip"),
                    "RELEASE-0.16.2, commit 7c1859a70697 in uknative.lock")), "Unikraft 0.17.0");

    private final List<String> said = new ArrayList<>();
    private final Reporter reporter = new RecordingReporter(said);

    private static UndefinedSelect select(String selecting, String target, UndefinedSelect.Kind kind, String file, int line) {
        return new UndefinedSelect(selecting, target, kind, Location.of(Path.of(file), line));
    }

    @Test
    void aLibrarysSelectIsOneLineNamingTheLibraryAndOneHintWithItsVersionAndTheCores() {
        UndefinedSelectReport.report(List.of(
                select("LIBLWIP", "LIBUKSWRAND", UndefinedSelect.Kind.SELECT, "/cache/trees/git-7c1859a7/Config.uk", 6),
                select("LWIP_DHCP", "LIBUKOLD", UndefinedSelect.Kind.IMPLY, "/cache/trees/git-7c1859a7/Config.uk", 40)),
                UNIKRAFT, APP, () -> LIBRARIES, reporter);

        assertThat(said).containsExactly(
                "warning: LIBLWIP selects LIBUKSWRAND, which this Unikraft tree does not define (library lwip, Config.uk:6)",
                "warning: LWIP_DHCP implies LIBUKOLD, which this Unikraft tree does not define (library lwip, Config.uk:40)",
                "hint: a library may have been written for another Unikraft release (lwip: RELEASE-0.16.2, commit 7c1859a70697"
                        + " in uknative.lock; core: Unikraft 0.17.0): check the versions in the Kraftfile (uknative versions lwip lists them)");
    }

    @Test
    void theApplicationsSelectsAreShownRelativeToItsFolderAndTheCoresOwnAreLeftOut() {
        // Unikraft 0.16 and 0.17 themselves have  select ELF64_TO_32 if ARCH_X86_64  in plat/kvm/Config.uk.
        UndefinedSelectReport.report(List.of(
                select("PLAT_KVM", "ELF64_TO_32", UndefinedSelect.Kind.SELECT, "/src/unikraft/plat/kvm/Config.uk", 13),
                select("APPHTTP", "GONE", UndefinedSelect.Kind.SELECT, "/home/me/http-c/Config.uk", 2),
                select("ELSEWHERE", "GONE", UndefinedSelect.Kind.SELECT, "/elsewhere/Config.uk", 9)),
                UNIKRAFT, APP, () -> LIBRARIES, reporter);

        assertThat(said).hasSize(3);
        assertThat(said.get(0)).isEqualTo("warning: APPHTTP selects GONE, which this Unikraft tree does not define (http-c/Config.uk:2)");
        assertThat(said.get(1)).endsWith("(/elsewhere/Config.uk:9)");
        assertThat(said.get(2)).startsWith("hint: kconfig ignores such selects").doesNotContain("library");
    }

    @Test
    void onlyTheCoresOwnSaysNothing() {
        UndefinedSelectReport.report(List.of(
                select("PLAT_KVM", "ELF64_TO_32", UndefinedSelect.Kind.SELECT, "/src/unikraft/plat/kvm/Config.uk", 13)),
                UNIKRAFT, APP, () -> {
                    throw new AssertionError("the libraries are read only when something is reported");
                }, reporter);

        assertThat(said).isEmpty();
    }

    @Test
    void treesReachedThroughSymbolicLinksAreStillTold(@TempDir Path temp) throws IOException {
        // kconfig names sourced files by their real path (Unikraft's readlink -f); the trees come as given.
        Path realCore = Files.createDirectories(temp.resolve("real/unikraft/plat/kvm"));
        Files.writeString(realCore.resolve("Config.uk"), "");
        Path realLib = Files.createDirectories(temp.resolve("real/lib-lwip"));
        Files.writeString(realLib.resolve("Config.uk"), "");
        Path core = Files.createSymbolicLink(temp.resolve("unikraft"), temp.resolve("real/unikraft"));
        Path lib = Files.createSymbolicLink(temp.resolve("lwip"), realLib);
        LibraryErrorHint libraries = new LibraryErrorHint(List.of(new LibraryErrorHint.Library("lwip", lib, List.of("liblwip"), "RELEASE-0.16.2")),
                "Unikraft 0.17.0");

        UndefinedSelectReport.report(List.of(
                select("PLAT_KVM", "ELF64_TO_32", UndefinedSelect.Kind.SELECT, realCore.resolve("Config.uk").toString(), 13),
                select("LIBLWIP", "LIBUKSWRAND", UndefinedSelect.Kind.SELECT, realLib.resolve("Config.uk").toString(), 6)),
                core, APP, () -> libraries, reporter);

        assertThat(said).hasSize(2);
        assertThat(said.get(0)).endsWith("(library lwip, Config.uk:6)");
        assertThat(said.get(1)).contains("lwip: RELEASE-0.16.2");
    }

    @Test
    void nothingFoundSaysNothing() {
        UndefinedSelectReport.report(List.of(), UNIKRAFT, APP, () -> LIBRARIES, reporter);

        assertThat(said).isEmpty();
    }
}
