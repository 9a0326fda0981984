package dev.uknative.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The names offered for a version that does not exist, with Unikraft's real tag list (as
 * {@code git tag} printed it for RELEASE-0.17.0's repository: two- and three-part releases) plus the
 * branches and the manifest's channels and versions, as the resolver merges them.
 */
class VersionNamesNearestTest {

    private static final List<String> TAGS = List.of("RELEASE-0.10.0", "RELEASE-0.11.0", "RELEASE-0.12.0", "RELEASE-0.13.0",
            "RELEASE-0.13.1", "RELEASE-0.14.0", "RELEASE-0.15.0", "RELEASE-0.16.0", "RELEASE-0.16.1", "RELEASE-0.16.2",
            "RELEASE-0.16.3", "RELEASE-0.17.0", "RELEASE-0.2", "RELEASE-0.3", "RELEASE-0.3.1", "RELEASE-0.4", "RELEASE-0.5",
            "RELEASE-0.6", "RELEASE-0.7.0", "RELEASE-0.8.0", "RELEASE-0.9.0");

    private static List<String> available() {
        List<String> all = new ArrayList<>(List.of("stable", "staging", "0.17.0", "0.16.3", "prod-staging", "staging"));
        all.addAll(TAGS);
        return all;
    }

    @Test
    void aVersionBeyondEveryReleaseOffersTheNewest() {
        assertThat(VersionNames.nearest("RELEASE-9.9.9", available(), 3)).containsExactly("RELEASE-0.17.0", "RELEASE-0.16.3", "RELEASE-0.16.2");
        assertThat(VersionNames.nearest("1.0.0", available(), 2)).containsExactly("RELEASE-0.17.0", "RELEASE-0.16.3");
        assertThat(VersionNames.nearest("v0.20.0", available(), 2)).containsExactly("RELEASE-0.17.0", "RELEASE-0.16.3");
    }

    @Test
    void aVersionBetweenReleasesOffersTheSameSeriesFirstThenItsNeighbours() {
        assertThat(VersionNames.nearest("0.16.4", available(), 3)).containsExactly("RELEASE-0.16.3", "RELEASE-0.16.2", "RELEASE-0.16.1");
        assertThat(VersionNames.nearest("0.17.5", available(), 3)).containsExactly("RELEASE-0.17.0", "RELEASE-0.16.3", "RELEASE-0.16.2");
        assertThat(VersionNames.nearest("0.14.5", available(), 2)).containsExactly("RELEASE-0.14.0", "RELEASE-0.15.0");
    }

    @Test
    void aVersionBeforeEveryReleaseOffersTheOldest() {
        assertThat(VersionNames.nearest("0.1", available(), 2)).containsExactly("RELEASE-0.2", "RELEASE-0.3.1");
    }

    @Test
    void aNameThatIsNoReleaseIsMatchedBySpelling() {
        assertThat(VersionNames.nearest("stabel", available(), 1)).containsExactly("stable");
        assertThat(VersionNames.nearest("stagign", available(), 1)).containsExactly("staging");
    }
}
