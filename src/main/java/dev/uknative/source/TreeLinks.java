package dev.uknative.source;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Where symbolic links in a tree lead, resolved the way the kernel does it: component by
 * component, following every link met on disk (so {@code a/r -> ..} makes {@code a/r/a/r/../..}
 * climb above the tree even though the text, normalised, stays inside). A component that does not
 * exist yet is taken as a plain name.
 */
final class TreeLinks {

    /** As Linux's MAXSYMLINKS: a chain longer than this does not resolve. */
    static final int MAX_HOPS = 40;

    private TreeLinks() {
    }

    /** Why a link does not stay in its tree. */
    record Escape(Path link, String target, String reason) {
    }

    /**
     * Whether following {@code target}, written in a link inside the folder {@code from} (a real
     * folder under {@code root}), stays in {@code root}; the reason when it does not.
     */
    static Optional<String> leaves(Path root, Path from, String target) throws IOException {
        if (target.startsWith("/")) {
            return Optional.of("it is absolute");
        }
        Deque<String> todo = new ArrayDeque<>();
        push(todo, target);
        Path current = from;
        int depth = root.relativize(from).toString().isEmpty() ? 0 : root.relativize(from).getNameCount();
        int hops = 0;
        while (!todo.isEmpty()) {
            String name = todo.pop();
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                if (depth == 0) {
                    return Optional.of("it climbs above the tree");
                }
                current = current.getParent();
                depth--;
                continue;
            }
            Path next = current.resolve(name);
            if (Files.isSymbolicLink(next)) {
                if (++hops > MAX_HOPS) {
                    return Optional.of("it goes through more than " + MAX_HOPS + " links (a loop)");
                }
                String inner = Files.readSymbolicLink(next).toString();
                if (inner.startsWith("/")) {
                    return Optional.of("it goes through " + root.relativize(next) + ", which is absolute");
                }
                push(todo, inner);
                continue;
            }
            current = next;
            depth++;
        }
        return Optional.empty();
    }

    private static void push(Deque<String> todo, String target) {
        String[] names = target.split("/");
        for (int i = names.length - 1; i >= 0; i--) {
            todo.push(names[i]);
        }
    }

    /**
     * The first link of the finished tree {@code root} that leads out of it, or the first entry that
     * is neither a file, a folder nor a link; links are resolved against the whole tree as it is now,
     * so an order of creation that made an earlier link escape is caught.
     */
    static Optional<Escape> firstEscape(Path root) throws IOException {
        Path top = root.toRealPath();
        Escape[] found = {null};
        Files.walkFileTree(top, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isSymbolicLink()) {
                    String target = Files.readSymbolicLink(file).toString();
                    Optional<String> reason = leaves(top, file.getParent(), target);
                    if (reason.isPresent()) {
                        found[0] = new Escape(top.relativize(file), target, reason.get());
                        return FileVisitResult.TERMINATE;
                    }
                } else if (!attrs.isRegularFile() && !attrs.isDirectory()) {
                    found[0] = new Escape(top.relativize(file), "", "it is a device, FIFO or socket");
                    return FileVisitResult.TERMINATE;
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return Optional.ofNullable(found[0]);
    }

    /** Whether {@code path} is a real folder: no component from {@code root} down is a link. */
    static boolean realFolderUnder(Path root, Path path) throws IOException {
        Path current = root;
        for (Path name : root.relativize(path)) {
            current = current.resolve(name);
            if (!Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
        }
        return current.toRealPath().startsWith(root.toRealPath());
    }
}
