package dev.uknative.origin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.uknative.core.Reporter;
import dev.uknative.source.LockFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The small values of the origin stage: wget's arguments, mirrors, make's WGET, the lock file's origins. */
class OriginValuesTest {

    @TempDir
    Path temp;

    @Test
    void readsWgetAsUnikraftsFetchRuleCallsIt() {
        WgetCall call = WgetCall.parse(List.of("-q", "--show-progress", "--progress=bar", "-O", "/b/build/libmusl/musl-1.2.3.tar.gz",
                "https://www.musl-libc.org/releases/musl-1.2.3.tar.gz"), Path.of("/work"));

        assertThat(call.output()).isEqualTo(Path.of("/b/build/libmusl/musl-1.2.3.tar.gz"));
        assertThat(call.url()).isEqualTo("https://www.musl-libc.org/releases/musl-1.2.3.tar.gz");
        assertThat(call.libraryName()).isEqualTo("libmusl");
    }

    @Test
    void readsOtherSpellingsOfTheOutputAndDefaultsToTheUrlsFileName() {
        assertThat(WgetCall.parse(List.of("--output-document=x/a.zip", "http://h/p/b.zip"), Path.of("/w")).output())
                .isEqualTo(Path.of("/w/x/a.zip"));
        assertThat(WgetCall.parse(List.of("-Oa.zip", "http://h/p/b.zip"), Path.of("/w")).output()).isEqualTo(Path.of("/w/a.zip"));
        assertThat(WgetCall.parse(List.of("http://h/p/b.zip?x=1"), Path.of("/w")).output()).isEqualTo(Path.of("/w/b.zip"));
        assertThatThrownBy(() -> WgetCall.parse(List.of("-q"), Path.of("/w"))).hasMessageContaining("without a URL");
    }

    @Test
    void theLongestMirrorPrefixWinsAndOtherUrlsStay() {
        Mirrors mirrors = Mirrors.parse(" https://github.com/=https://m.example/gh/\n https://github.com/unikraft/=https://m.example/uk/ ");

        assertThat(mirrors.rewrite("https://github.com/unikraft/fork-lwip/archive/x.zip")).isEqualTo("https://m.example/uk/fork-lwip/archive/x.zip");
        assertThat(mirrors.rewrite("https://github.com/other/y.zip")).isEqualTo("https://m.example/gh/other/y.zip");
        assertThat(mirrors.rewrite("https://www.musl-libc.org/a.tar.gz")).isEqualTo("https://www.musl-libc.org/a.tar.gz");
        assertThat(Mirrors.parse(null).rules()).isEmpty();
        assertThatThrownBy(() -> Mirrors.parse("https://github.com/")).hasMessageContaining("is not FROM=TO");
    }

    @Test
    void makesWgetNameTheLibraryAndItsChecksumInMakesOwnTerms() {
        MakeFetch fetch = new MakeFetch(List.of("/usr/lib/jvm/java", "-cp", "/o'dd/uknative.jar", "dev.uknative.cli.Main", "origins", "wget"));

        assertThat(fetch.usable()).isTrue();
        assertThat(fetch.makeVariables().get("WGET")).isEqualTo("'/usr/lib/jvm/java' '-cp' '/o'\\''dd/uknative.jar' 'dev.uknative.cli.Main'"
                + " 'origins' 'wget' '--library=$(1)' '--library-sha256=$($(call uc,$(1))_ORIGIN_SHA256)'");
        assertThat(new MakeFetch(List.of("/home/$user/java")).usable()).isFalse();
        assertThat(MakeFetch.environment(Path.of("/p/uknative.lock"), Path.of("/p/r"), true))
                .containsEntry(MakeFetch.LOCK_VARIABLE, "/p/uknative.lock").containsEntry(MakeFetch.OFFLINE_VARIABLE, "1");
        assertThat(MakeFetch.offline("0")).isFalse();
        assertThat(MakeFetch.offline("1")).isTrue();
        assertThat(MakeFetch.offline(null)).isFalse();
    }

    @Test
    void theLockFileKeepsOriginsBesideTheSourcesAndRecordsAnUrlOnce() throws Exception {
        Path lock = temp.resolve("uknative.lock");
        OriginRecords records = new OriginRecords(lock, temp.resolve("locks"), Reporter.SILENT);
        String a = "a".repeat(64);

        records.record("https://www.musl-libc.org/releases/musl-1.2.3.tar.gz", a);
        records.record("https://www.musl-libc.org/releases/musl-1.2.3.tar.gz", "b".repeat(64));

        assertThat(records.recorded("https://www.musl-libc.org/releases/musl-1.2.3.tar.gz")).contains(a);
        assertThat(Files.readString(lock)).contains("origins:\n  \"https://www.musl-libc.org/releases/musl-1.2.3.tar.gz\": \"" + a + "\"");
        LockFile read = LockFile.read(lock, Reporter.SILENT);
        assertThat(read.origins()).isEqualTo(Map.of("https://www.musl-libc.org/releases/musl-1.2.3.tar.gz", a));
        assertThat(read.unikraft()).isEqualTo(Optional.empty());
    }

    @Test
    void aLockFileWithABadOriginDigestIsReadAsEmptyWithAWarning() throws Exception {
        Path lock = Files.writeString(temp.resolve("uknative.lock"), "origins:\n  \"http://x/a.zip\": \"nope\"\n");
        StringBuilder warned = new StringBuilder();
        Reporter reporter = new Reporter() {
            public void info(String m) { }
            public void warn(String m) { warned.append(m); }
            public void progress(String m) { }
            public void detail(String l) { }
        };

        assertThat(LockFile.read(lock, reporter).origins()).isEmpty();
        assertThat(warned.toString()).contains("has no sha256");
    }

    @Test
    void findsLibrariesThatCloneWithGitDuringMake() throws Exception {
        Path lib = Files.createDirectories(temp.resolve("lib-foo"));
        Files.writeString(lib.resolve("Makefile.uk"), "$(eval $(call addlib_s,libfoo,$(CONFIG_LIBFOO)))\n"
                + "# $(eval $(call clone,libfoo,https://old.example/foo.git,main))\n"
                + "LIBFOO_URL=https://git.example/foo.git\n"
                + "$(eval $(call clone,libfoo,$(LIBFOO_URL),v1.0))\n");
        Files.createDirectories(temp.resolve("lib-bar"));

        assertThat(CloneOrigins.find(List.of(lib, temp.resolve("lib-bar"))))
                .containsExactly(new CloneOrigins.Clone(lib.resolve("Makefile.uk"), 4, "libfoo", "$(LIBFOO_URL)"));
    }
}
