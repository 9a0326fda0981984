package dev.uknative.source;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The spellings of a Unikraft release ({@code 0.17.0}, {@code v0.17.0}, {@code RELEASE-0.17.0}),
 * commit abbreviations, and the nearest names to one that does not exist.
 */
public final class VersionNames {

    private static final Pattern RELEASE = Pattern.compile("(?:RELEASE-|release-|v|V)?([0-9]+(?:\\.[0-9]+){0,3})");
    private static final Pattern COMMIT = Pattern.compile("[0-9a-fA-F]{7,40}");

    private VersionNames() {
    }

    /** {@code 0.17.0} for any spelling of that release, empty for a name that is no release. */
    public static Optional<String> release(String name) {
        Matcher m = RELEASE.matcher(name.trim());
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** Whether two names spell the same release ({@code 0.17} and {@code 0.17.0} included). */
    public static boolean sameRelease(String a, String b) {
        Optional<String> ra = release(a);
        Optional<String> rb = release(b);
        return ra.isPresent() && rb.isPresent() && padded(ra.get()).equals(padded(rb.get()));
    }

    private static String padded(String release) {
        String r = release;
        while (r.split("\\.").length < 3) {
            r = r + ".0";
        }
        return r;
    }

    /** The tag names a release may have in a git repository, Unikraft's own first. */
    public static List<String> tagCandidates(String name) {
        Set<String> names = new LinkedHashSet<>();
        names.add(name);
        release(name).ifPresent(r -> {
            for (String spelling : new String[] {r, padded(r), r.endsWith(".0") ? r.substring(0, r.length() - 2) : r}) {
                names.add("RELEASE-" + spelling);
                names.add("v" + spelling);
                names.add(spelling);
            }
        });
        return List.copyOf(names);
    }

    /** Whether a name can be a full or abbreviated commit id. */
    public static boolean looksLikeCommit(String name) {
        return COMMIT.matcher(name).matches();
    }

    /**
     * Up to {@code limit} names of {@code available} nearest to {@code wanted}. When {@code wanted}
     * is a release, releases come first: those that share more leading numbers with it, then those
     * whose first differing number is closer, then the newest. So a release beyond every one
     * ({@code 9.9.9}) is offered the newest releases, the one a user most likely meant, and
     * {@code 0.17.5} is offered {@code 0.17.0} before {@code 0.16.3}. Other names go by edit distance.
     */
    public static List<String> nearest(String wanted, java.util.Collection<String> available, int limit) {
        List<String> sorted = new ArrayList<>(new LinkedHashSet<>(available));
        sorted.sort(nearestFirst(wanted));
        // One spelling per release (the manifest's 0.17.0 and the tag RELEASE-0.17.0 are one choice).
        List<String> chosen = new ArrayList<>();
        Set<String> releases = new java.util.HashSet<>();
        for (String candidate : sorted) {
            Optional<String> release = release(candidate).map(VersionNames::padded);
            if (release.isPresent() && !releases.add(release.get())) {
                continue;
            }
            chosen.add(candidate);
            if (chosen.size() == limit) {
                break;
            }
        }
        return chosen;
    }

    private static Comparator<String> nearestFirst(String wanted) {
        Optional<long[]> w = release(wanted).map(VersionNames::numbers);
        Comparator<String> bySpelling = Comparator.comparingInt((String c) -> dev.uknative.core.EditDistance.between(
                wanted.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT))).thenComparing(Comparator.naturalOrder());
        if (w.isEmpty()) {
            return bySpelling;
        }
        Comparator<String> releasesFirst = Comparator.comparing((String c) -> release(c).isEmpty());
        Comparator<String> byNumbers = (a, b) -> {
            Optional<String> ra = release(a);
            Optional<String> rb = release(b);
            if (ra.isEmpty() || rb.isEmpty()) {
                return 0;
            }
            long[] na = numbers(ra.get());
            long[] nb = numbers(rb.get());
            int sharedA = shared(w.get(), na);
            int sharedB = shared(w.get(), nb);
            if (sharedA != sharedB) {
                return Integer.compare(sharedB, sharedA);
            }
            if (sharedA < na.length) {
                int gap = Long.compare(Math.abs(na[sharedA] - w.get()[sharedA]), Math.abs(nb[sharedB] - w.get()[sharedB]));
                if (gap != 0) {
                    return gap;
                }
            }
            return 0;
        };
        Comparator<String> releaseSpellingFirst = Comparator.comparing((String c) -> !c.startsWith("RELEASE-"));
        return releasesFirst.thenComparing(byNumbers).thenComparing((a, b) -> release(a).isPresent() && release(b).isPresent()
                ? newestFirstByNumber(a, b) : 0).thenComparing(releaseSpellingFirst).thenComparing(bySpelling);
    }

    /** How many leading numbers two releases share (4 when they are the same release). */
    private static int shared(long[] a, long[] b) {
        int i = 0;
        while (i < a.length && a[i] == b[i]) {
            i++;
        }
        return i;
    }

    private static int newestFirstByNumber(String a, String b) {
        long[] na = numbers(release(a).orElseThrow());
        long[] nb = numbers(release(b).orElseThrow());
        for (int i = 0; i < na.length; i++) {
            if (na[i] != nb[i]) {
                return Long.compare(nb[i], na[i]);
            }
        }
        return 0;
    }

    private static long[] numbers(String release) {
        long[] n = new long[4];
        String[] parts = release.split("\\.");
        for (int i = 0; i < Math.min(4, parts.length); i++) {
            n[i] = Long.parseLong(parts[i].length() > 12 ? parts[i].substring(0, 12) : parts[i]);
        }
        return n;
    }

    /** Releases newest first, then other names alphabetically. */
    public static Comparator<String> newestFirst() {
        return (a, b) -> {
            Optional<String> ra = release(a);
            Optional<String> rb = release(b);
            if (ra.isPresent() && rb.isPresent()) {
                long[] na = numbers(ra.get());
                long[] nb = numbers(rb.get());
                for (int i = 0; i < 4; i++) {
                    if (na[i] != nb[i]) {
                        return Long.compare(nb[i], na[i]);
                    }
                }
                return a.compareTo(b);
            }
            if (ra.isPresent() != rb.isPresent()) {
                return ra.isPresent() ? -1 : 1;
            }
            return a.compareTo(b);
        };
    }
}
