package dev.uknative.project;

import dev.uknative.core.ExitCode;
import dev.uknative.core.Location;
import dev.uknative.core.UknativeException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.parser.Parser;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.Scanner;
import org.snakeyaml.engine.v2.scanner.ScannerImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.schema.CoreSchema;
import org.snakeyaml.engine.v2.tokens.Token;

/**
 * How the Kraftfile's reader and editor turn text into YAML nodes (with the positions both need): YAML
 * 1.2's core schema, as kraftkit reads (True/TRUE are booleans, ~ and Null are null), exactly one
 * document, and every error as {@code file:line[:col]} with a hint.
 *
 * <p>A Kraftfile may come from anyone (a cloned project, a fuzzer), so the text is bounded before
 * SnakeYAML sees it: SnakeYAML Engine composes nodes recursively (deep nesting overflows the stack),
 * scans one long scalar in time that grows faster than its length, and reports a few problems
 * (control characters, too many aliases) without a position. Each bound below is far above what a
 * real Kraftfile needs.
 */
final class KraftfileYaml {

    /** Collections inside collections; a Kraftfile needs about 5. */
    static final int MAX_DEPTH = 64;
    /**
     * The whole file, in bytes (or characters, for text given as a string): a Kraftfile that set
     * every option of Unikraft would still be a quarter of this.
     */
    static final int MAX_BYTES = 256 << 10;
    /** One line, in characters. */
    static final int MAX_LINE = 16 * 1024;
    /** Aliases ({@code *name}) in the document. */
    static final int MAX_ALIASES = 50;

    private KraftfileYaml() {
    }

    /**
     * Decodes a Kraftfile's bytes (at most {@link #MAX_BYTES} of them, plus one to tell that there are
     * more); bytes that are not UTF-8 are an error at their line and column.
     */
    static String decode(Path file, byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            throw tooLarge(file, lineAt(bytes, MAX_BYTES));
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int bad = in.position();
            int lineStart = bad;
            while (lineStart > 0 && bytes[lineStart - 1] != '\n') {
                lineStart--;
            }
            String before = new String(bytes, lineStart, bad - lineStart, StandardCharsets.UTF_8);
            int column = before.codePointCount(0, before.length()) + 1;
            throw UknativeException.invalidInput(new Location(file, lineAt(bytes, bad), column),
                    String.format("is not UTF-8 text (byte 0x%02x)", bytes[bad] & 0xff), "save the Kraftfile as UTF-8");
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    /**
     * The document's root node.
     *
     * @param afterFix appended to the hints ("" for a read, ", then edit again" for an edit)
     */
    static Node compose(Path file, String text, String afterFix) {
        checkBounds(file, text);
        LoadSettings settings = LoadSettings.builder().setLabel(file.toString()).setSchema(new CoreSchema())
                .setMaxAliasesForCollections(MAX_ALIASES).setCodePointLimit(MAX_BYTES + 1).build();
        StreamReader reader = new StreamReader(settings, text);
        BoundedParser parser = new BoundedParser(new ParserImpl(settings, new LocatingScanner(new ScannerImpl(settings, reader), reader, file)),
                file, text);
        try {
            Composer composer = new Composer(settings, parser);
            if (!composer.hasNext()) {
                throw UknativeException.invalidInput(Location.of(file), "is empty",
                        "write at least: spec: v0.6, name: and targets: [qemu/x86_64]");
            }
            Node first = composer.next();
            if (composer.hasNext()) {
                throw UknativeException.invalidInput(location(file, composer.next()), "holds more than one YAML document",
                        "remove the second '---' and what follows it");
            }
            return first;
        } catch (MarkedYamlEngineException e) {
            Location where = e.getProblemMark().or(e::getContextMark).map(m -> location(file, m)).orElseGet(parser::lastLocation);
            String problem = e.getProblem() == null ? e.getContext() : e.getProblem();
            String context = e.getContext() != null && e.getProblem() != null ? " (" + e.getContext() + ")" : "";
            throw new UknativeException(ExitCode.INVALID_INPUT, where, "YAML error: " + problem + context,
                    "fix the YAML syntax at this position" + afterFix, e);
        } catch (YamlEngineException | IllegalArgumentException e) {
            // SnakeYAML gives no position for these: the last event read is where it stopped. An
            // IllegalArgumentException is the composer refusing what the scanner let through (the checks
            // below catch the ones known), never a reason to fail without a position.
            throw new UknativeException(ExitCode.INVALID_INPUT, parser.lastLocation(), "YAML error: " + e.getMessage(),
                    "fix the YAML near this position" + afterFix, e);
        }
    }

    /** A node's start as {@code file:line:col} (1-based). */
    static Location location(Path file, Node node) {
        return node.getStartMark().map(m -> location(file, m)).orElse(Location.of(file));
    }

    private static Location location(Path file, Mark mark) {
        return new Location(file, mark.getLine() + 1, mark.getColumn() + 1);
    }

    /** The size, line length and characters, checked in one linear pass before anything is parsed. */
    private static void checkBounds(Path file, String text) {
        int line = 1;
        int lineStart = 0;
        int column = 0;
        for (int i = 0; i < text.length(); ) {
            if (i >= MAX_BYTES) {
                throw tooLarge(file, line);
            }
            int c = text.codePointAt(i);
            column++;
            if (c == '\n') {
                line++;
                lineStart = i + 1;
                column = 0;
            } else if (i - lineStart >= MAX_LINE) {
                throw UknativeException.invalidInput(new Location(file, line, column),
                        "this line is longer than " + MAX_LINE + " characters", "a Kraftfile needs no such line: shorten it");
            } else if (!StreamReader.isPrintable(c)) {
                throw UknativeException.invalidInput(new Location(file, line, column),
                        String.format("character U+%04X is not allowed in YAML", c),
                        "remove it, or write it as an escape such as \\x01 inside double quotes");
            }
            i += Character.charCount(c);
        }
    }

    private static UknativeException tooLarge(Path file, int line) {
        return UknativeException.invalidInput(Location.of(file, line), "is larger than " + (MAX_BYTES >> 10) + " KiB",
                "a Kraftfile needs far less: check that this is the right file");
    }

    private static int lineAt(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    /**
     * SnakeYAML's parser, with the nesting depth and the number of aliases counted as the composer
     * takes each event, so that a document too deep is refused before the composer's recursion gets
     * there.
     */
    private static final class BoundedParser implements Parser {
        private final Parser parser;
        private final Path file;
        private int depth;
        private int aliases;
        private final String text;
        private Optional<Mark> last = Optional.empty();

        BoundedParser(Parser parser, Path file, String text) {
            this.parser = parser;
            this.file = file;
            this.text = text;
        }

        @Override
        public boolean checkEvent(Event.ID id) {
            return parser.checkEvent(id);
        }

        @Override
        public Event peekEvent() {
            return parser.peekEvent();
        }

        @Override
        public boolean hasNext() {
            return parser.hasNext();
        }

        @Override
        public Event next() {
            Event event = parser.next();
            last = event.getStartMark().or(() -> last);
            Optional<String> tag = event instanceof ScalarEvent scalar ? scalar.getTag()
                    : event instanceof CollectionStartEvent collection ? collection.getTag() : Optional.empty();
            if (tag.isPresent() && (tag.get().isEmpty() || !tag.get().strip().equals(tag.get()))) {
                // A %-escape cut off by the end of the file decodes to a space or a line break, which
                // SnakeYAML's composer refuses with an unlocated IllegalArgumentException.
                throw UknativeException.invalidInput(lastLocation(), "YAML error: the tag " + wordAt(last) + " is not valid"
                        + " (it stands for an empty name or one that starts or ends with a space or line break)",
                        "a Kraftfile needs no tags (!name): remove it, or quote the value");
            }
            switch (event.getEventId()) {
                case MappingStart, SequenceStart -> {
                    if (++depth > MAX_DEPTH) {
                        throw UknativeException.invalidInput(lastLocation(), "lists and mappings are nested more than "
                                + MAX_DEPTH + " deep here", "a Kraftfile needs no such nesting: flatten it");
                    }
                }
                case MappingEnd, SequenceEnd -> depth--;
                case Alias -> {
                    if (++aliases > MAX_ALIASES) {
                        throw UknativeException.invalidInput(lastLocation(), "more than " + MAX_ALIASES + " aliases (*name)",
                                "write the values out instead of referring to an anchor so often");
                    }
                }
                default -> {
                }
            }
            return event;
        }

        Location lastLocation() {
            return last.map(m -> location(file, m)).orElse(Location.of(file, 1));
        }

        /** The text from {@code mark} to the next blank or the end of its line, as written. */
        private String wordAt(Optional<Mark> mark) {
            if (mark.isEmpty()) {
                return "";
            }
            int start = 0;
            for (int line = 0; line < mark.get().getLine() && start >= 0; line++) {
                start = text.indexOf('\n', start);
                start = start < 0 ? -1 : start + 1;
            }
            if (start < 0) {
                return "";
            }
            try {
                start = text.offsetByCodePoints(start, mark.get().getColumn());
            } catch (IndexOutOfBoundsException e) {
                return "";
            }
            int end = start;
            while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
                end++;
            }
            return text.substring(start, end);
        }
    }

    /**
     * SnakeYAML's scanner, with what it throws without a position (a {@code \\u} escape cut off by the
     * end of the file ends in a NumberFormatException) turned into an error where the scanner stopped.
     */
    private static final class LocatingScanner implements Scanner {
        private final Scanner scanner;
        private final StreamReader reader;
        private final Path file;

        LocatingScanner(Scanner scanner, StreamReader reader, Path file) {
            this.scanner = scanner;
            this.reader = reader;
            this.file = file;
        }

        @Override
        public boolean checkToken(Token.ID... choices) {
            try {
                return scanner.checkToken(choices);
            } catch (IllegalArgumentException e) {
                throw located(e);
            }
        }

        @Override
        public Token peekToken() {
            try {
                return scanner.peekToken();
            } catch (IllegalArgumentException e) {
                throw located(e);
            }
        }

        @Override
        public boolean hasNext() {
            try {
                return scanner.hasNext();
            } catch (IllegalArgumentException e) {
                throw located(e);
            }
        }

        @Override
        public Token next() {
            try {
                return scanner.next();
            } catch (IllegalArgumentException e) {
                throw located(e);
            }
        }

        @Override
        public void resetDocumentIndex() {
            scanner.resetDocumentIndex();
        }

        private UknativeException located(IllegalArgumentException e) {
            Location where = new Location(file, reader.getLine() + 1, reader.getColumn() + 1);
            if (e instanceof NumberFormatException) {
                return new UknativeException(ExitCode.INVALID_INPUT, where,
                        "YAML error: the file ends inside an escape sequence, here where its hexadecimal digits should be",
                        "give the escape all its hexadecimal digits (\\xXX, \\uXXXX, \\UXXXXXXXX) and close the quote", e);
            }
            return new UknativeException(ExitCode.INVALID_INPUT, where, "YAML error: " + e.getMessage(),
                    "fix the YAML near this position", e);
        }
    }
}
