package dev.uknative.source;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.uknative.core.UknativeException;
import dev.uknative.testing.FuzzScratch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;

/**
 * Jazzer fuzz target: any bytes as a source archive (the first byte picks tar, tar.gz, tar.bz2 or
 * zip), unpacked into an empty folder three levels down a fresh sandbox. The extractor unpacks or
 * throws a UknativeException; afterwards nothing may exist in the sandbox beside the archive and
 * that folder, and no link in the folder may resolve (following links on disk, as the kernel does)
 * to a place outside it. Anything else — another exception, a StackOverflowError, an
 * OutOfMemoryError, an input that takes seconds — is a finding. Seeds: {@code ArchiveExtractorFuzzTestInputs/}.
 */
@Tag("fuzz")
public class ArchiveExtractorFuzzTest {

    private static final String[] FORMATS = {"fuzz.tar", "fuzz.tar.gz", "fuzz.tar.bz2", "fuzz.zip"};
    private static final Path SANDBOX = FuzzScratch.directory("extract");
    /** Linux's limit on links followed while resolving one path. */
    private static final int MAX_LINKS = 40;

    static {
        // Loads (and under Jazzer instruments) the readers of every format before the per-input timeout runs.
        for (String seed : new String[] {"tree-tar.seed", "tree-tar-gz.seed", "tree-tar-bz2.seed", "tree-zip.seed"}) {
            try (var in = ArchiveExtractorFuzzTest.class.getResourceAsStream("ArchiveExtractorFuzzTestInputs/archive/" + seed)) {
                fuzzerTestOneInput(in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @FuzzTest(maxDuration = "10s")
    void archive(byte[] input) {
        fuzzerTestOneInput(input);
    }

    /** The entry point of Jazzer's own driver (scripts/fuzz). */
    public static void fuzzerTestOneInput(byte[] input) {
        if (input.length == 0) {
            return;
        }
        String name = FORMATS[input[0] & 3];
        Path archive = SANDBOX.resolve(name);
        Path target = SANDBOX.resolve("a/b/tree");
        try {
            Files.createDirectories(target);
            Files.write(archive, Arrays.copyOfRange(input, 1, input.length));
            try {
                ArchiveExtractor.extract(archive, name, target);
            } catch (UknativeException refused) {
                // damaged or malicious: a correct answer, if nothing escaped (checked below)
            }
            expectOnly(SANDBOX, Set.of(name, "a"));
            expectOnly(SANDBOX.resolve("a"), Set.of("b"));
            expectOnly(SANDBOX.resolve("a/b"), Set.of("tree"));
            try (Stream<Path> tree = Files.walk(target)) {
                for (Path p : tree.filter(Files::isSymbolicLink).toList()) {
                    Path resolved = resolve(p);
                    if (resolved != null && !resolved.startsWith(target)) {
                        throw new AssertionError("the link " + SANDBOX.relativize(p) + " -> " + Files.readSymbolicLink(p)
                                + " resolves outside the tree: " + resolved);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            FuzzScratch.delete(SANDBOX.resolve("a"));
            FuzzScratch.delete(archive);
        }
    }

    private static void expectOnly(Path folder, Set<String> names) throws IOException {
        try (Stream<Path> list = Files.list(folder)) {
            Set<String> found = list.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
            if (!names.containsAll(found)) {
                throw new AssertionError("the archive created " + found + " in " + SANDBOX.relativize(folder) + ", outside its tree");
            }
        }
    }

    /**
     * Where the link {@code link} leads: each component in turn, following every link met on the way,
     * {@code ..} applied to the folder reached (not to the text). A part that does not exist is taken
     * as written; null for a loop.
     */
    private static Path resolve(Path link) throws IOException {
        List<String> pending = new ArrayList<>(List.of(link.getFileName().toString()));
        Path current = link.getParent();
        int followed = 0;
        while (!pending.isEmpty()) {
            String part = pending.remove(0);
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                current = current.getParent() == null ? current : current.getParent();
                continue;
            }
            Path next = current.resolve(part);
            if (Files.isSymbolicLink(next)) {
                if (++followed > MAX_LINKS) {
                    return null;
                }
                String text = Files.readSymbolicLink(next).toString();
                if (text.startsWith("/")) {
                    current = Path.of("/");
                }
                pending.addAll(0, List.of(text.split("/")));
            } else {
                current = next;
                if (!Files.exists(next, LinkOption.NOFOLLOW_LINKS)) {
                    // Nothing on disk to follow: the rest is plain text.
                    current = current.resolve(String.join("/", pending)).normalize();
                    pending.clear();
                }
            }
        }
        return current;
    }
}
