package dev.uknative.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What a resolve writes for an entry of uknative.lock that another resolve may have changed while it
 * fetched: a newer entry written meanwhile for the same spec is not undone.
 */
class LockEntryMergeTest {

    private static final String SPEC = "https://github.com/unikraft/lib-lwip.git@stable";

    private static Optional<LockedSource> entry(String spec, String commit, long seconds) {
        return Optional.of(new LockedSource(spec, "git", "https://github.com/unikraft/lib-lwip.git", "stable", commit,
                Instant.ofEpochSecond(seconds)));
    }

    @Test
    void anUpdateWrittenWhileThisBuildFetchedStays() {
        Optional<LockedSource> old = entry(SPEC, "c1", 100);
        Optional<LockedSource> mine = entry(SPEC, "c1", 200); // reused what it read
        Optional<LockedSource> updated = entry(SPEC, "c2", 150); // uknative update, meanwhile

        assertThat(SourceResolver.merged(mine, old, updated)).isEqualTo(updated);
    }

    @Test
    void whatThisResolveChangedIsWritten() {
        Optional<LockedSource> old = entry(SPEC, "c1", 100);
        Optional<LockedSource> mine = entry(SPEC, "c3", 200); // this resolve is the update

        assertThat(SourceResolver.merged(mine, old, entry(SPEC, "c2", 150))).isEqualTo(mine);
        assertThat(SourceResolver.merged(mine, old, old)).isEqualTo(mine);
    }

    @Test
    void anotherSpecInTheKraftfileWinsOverTheFile() {
        Optional<LockedSource> old = entry(SPEC, "c1", 100);
        Optional<LockedSource> mine = entry("https://github.com/unikraft/lib-lwip.git@RELEASE-0.16.2", "c9", 200);

        assertThat(SourceResolver.merged(mine, old, entry(SPEC, "c2", 150))).isEqualTo(mine);
    }

    @Test
    void nothingChangedKeepsTheRecordedTime() {
        Optional<LockedSource> old = entry(SPEC, "c1", 100);

        assertThat(SourceResolver.merged(entry(SPEC, "c1", 200), old, old)).isEqualTo(old);
        assertThat(SourceResolver.merged(entry(SPEC, "c1", 200), Optional.empty(), old)).isEqualTo(old);
        assertThat(SourceResolver.merged(entry(SPEC, "c1", 200), Optional.empty(), Optional.empty())).isEqualTo(entry(SPEC, "c1", 200));
    }
}
