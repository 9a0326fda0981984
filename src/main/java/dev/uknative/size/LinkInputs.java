package dev.uknative.size;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the final link of a Unikraft image read: the libraries' relocatable objects ({@code lib*.o},
 * each library linked whole) and the static archives given inside {@code --start-group} (the
 * {@code native:} libraries). Read from the command Unikraft records next to the image
 * ({@code <image>.dbg.cmd}), which names every input by its absolute path.
 */
public record LinkInputs(List<Path> objects, List<Path> archives) {

    public LinkInputs {
        objects = List.copyOf(objects);
        archives = List.copyOf(archives);
    }

    /**
     * The inputs of one recorded link command. Unikraft writes it as the shell line it ran (the
     * compiler driver with its flags); only absolute {@code .o} and {@code .a} words are inputs, the
     * output after {@code -o} is not.
     */
    public static LinkInputs parse(String command) {
        List<Path> objects = new ArrayList<>();
        List<Path> archives = new ArrayList<>();
        String[] words = command.strip().split("\\s+");
        for (int i = 0; i < words.length; i++) {
            String word = words[i].replace("\"", "").replace("'", "");
            if (word.equals("-o")) {
                i++;
                continue;
            }
            if (!word.startsWith("/")) {
                continue;
            }
            if (word.endsWith(".o")) {
                objects.add(Path.of(word));
            } else if (word.endsWith(".a")) {
                archives.add(Path.of(word));
            }
        }
        return new LinkInputs(objects, archives);
    }
}
