package dev.uknative.project;

import dev.uknative.core.KconfigText;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.snakeyaml.engine.v2.common.ScalarStyle;

/**
 * What {@link KraftfileEditor} writes into a Kraftfile: kconfig values as YAML that
 * {@link KraftfileReader} reads back to exactly the same kconfig text ({@link KraftfileFormat#kconfigText}),
 * and new blocks (a {@code kconfig:} mapping, an expanded target) in block or flow style.
 */
final class KraftfileValueYaml {

    /** List items written plain: no character YAML could read as an indicator, in block or flow. */
    private static final Pattern PLAIN_ITEM = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_=\"./+@ \\\\-]*");
    /** Plain map keys and target parts that YAML's core schema reads as strings. */
    private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
    private static final Pattern CORE_SCHEMA_WORD = Pattern.compile("(?i)true|false|null");

    private KraftfileValueYaml() {
    }

    // ---- Values ----

    /**
     * The YAML to write after {@code CONFIG_X: } so that the reader reads {@code value} (kconfig text
     * that {@link KraftfileFormat#isKconfigValue} accepts) back.
     */
    static String mappingValue(String value) {
        if (KraftfileFormat.BARE_VALUE.matcher(value).matches()) {
            return value;
        }
        String content = KconfigText.unquote(value).orElseThrow(() -> new IllegalArgumentException("not kconfig text: " + value));
        if (!KraftfileFormat.keptAsWritten(content) && KconfigText.quote(content).equals(value)) {
            // YAML's double quotes escape \ and " exactly as kconfig does: this reads as the content,
            // which the reader quotes back to the same text.
            return value;
        }
        return singleQuoted(value);
    }

    /** A list item {@code CONFIG_X=value} in the item's old style, or plain when YAML allows. */
    static String listItem(String content, ScalarStyle style) {
        if (style == ScalarStyle.DOUBLE_QUOTED) {
            return KconfigText.quote(content);
        }
        if (style == ScalarStyle.SINGLE_QUOTED || !PLAIN_ITEM.matcher(content).matches()) {
            return singleQuoted(content);
        }
        return content;
    }

    /** A map key or a target's part: plain when YAML reads it as that string, else single-quoted. */
    static String word(String text) {
        return PLAIN_WORD.matcher(text).matches() && !CORE_SCHEMA_WORD.matcher(text).matches() ? text : singleQuoted(text);
    }

    private static String singleQuoted(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    // ---- New YAML, rendered in block or flow style ----

    /** YAML to insert: a scalar already written as YAML, or a mapping of such. */
    sealed interface NewNode {
    }

    record NewScalar(String yaml) implements NewNode {
    }

    record NewMapping(List<Field> fields) implements NewNode {
    }

    record Field(String key, NewNode value) {
    }

    static NewMapping mapping(Field... fields) {
        return new NewMapping(List.of(fields));
    }

    static Field field(KraftfileFormat.Key key, NewNode value) {
        return new Field(key.spelling(), value);
    }

    static Field field(KraftfileFormat.Key key, String yaml) {
        return new Field(key.spelling(), new NewScalar(yaml));
    }

    static Field field(String key, NewNode value) {
        return new Field(key, value);
    }

    static Field field(String key, String yaml) {
        return new Field(key, new NewScalar(yaml));
    }

    /** {@code {key: value, …}} on one line. */
    static String flow(NewNode node) {
        if (node instanceof NewScalar scalar) {
            return scalar.yaml();
        }
        return ((NewMapping) node).fields().stream().map(f -> f.key() + ": " + flow(f.value()))
                .collect(Collectors.joining(", ", "{", "}"));
    }

    /** One line per key, nested mappings {@code step} further in. */
    static List<String> block(NewMapping mapping, int indent, int step) {
        List<String> lines = new ArrayList<>();
        for (Field field : mapping.fields()) {
            if (field.value() instanceof NewScalar scalar) {
                lines.add(" ".repeat(indent) + field.key() + ": " + scalar.yaml());
            } else {
                lines.add(" ".repeat(indent) + field.key() + ":");
                lines.addAll(block((NewMapping) field.value(), indent + step, step));
            }
        }
        return lines;
    }
}
