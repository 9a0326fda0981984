package dev.uknative.project;

import dev.uknative.core.ExitCode;
import dev.uknative.core.Location;
import dev.uknative.core.UknativeException;
import java.nio.file.Path;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * How the Kraftfile's reader and editor turn text into YAML nodes (with the positions both need): YAML
 * 1.2's core schema, as kraftkit reads (True/TRUE are booleans, ~ and Null are null), exactly one
 * document, and syntax errors as {@code file:line:col} with a hint.
 */
final class KraftfileYaml {

    private KraftfileYaml() {
    }

    /**
     * The document's root node.
     *
     * @param afterFix appended to the hints ("" for a read, ", then edit again" for an edit)
     */
    static Node compose(Path file, String text, String afterFix) {
        LoadSettings settings = LoadSettings.builder().setLabel(file.toString()).setSchema(new CoreSchema()).build();
        try {
            Node first = null;
            for (Node document : new Compose(settings).composeAllFromString(text)) {
                if (first != null) {
                    throw UknativeException.invalidInput(location(file, document), "holds more than one YAML document",
                            "remove the second '---' and what follows it");
                }
                first = document;
            }
            if (first == null) {
                throw UknativeException.invalidInput(Location.of(file), "is empty",
                        "write at least: spec: v0.6, name: and targets: [qemu/x86_64]");
            }
            return first;
        } catch (MarkedYamlEngineException e) {
            Mark mark = e.getProblemMark().or(e::getContextMark).orElse(null);
            Location where = mark == null ? Location.of(file) : new Location(file, mark.getLine() + 1, mark.getColumn() + 1);
            String problem = e.getProblem() == null ? e.getContext() : e.getProblem();
            String context = e.getContext() != null && e.getProblem() != null ? " (" + e.getContext() + ")" : "";
            throw new UknativeException(ExitCode.INVALID_INPUT, where, "YAML error: " + problem + context,
                    "fix the YAML syntax at this position" + afterFix, e);
        } catch (YamlEngineException e) {
            throw new UknativeException(ExitCode.INVALID_INPUT, Location.of(file), "YAML error: " + e.getMessage(),
                    "fix the YAML syntax" + afterFix, e);
        }
    }

    /** A node's start as {@code file:line:col} (1-based). */
    static Location location(Path file, Node node) {
        return node.getStartMark().map(m -> new Location(file, m.getLine() + 1, m.getColumn() + 1)).orElse(Location.of(file));
    }
}
