package dev.uknative.origin;

import dev.uknative.core.UknativeException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The arguments make passes to {@code $(WGET)}: Unikraft's {@code fetchas} rule calls
 * {@code $(WGET) -q --show-progress --progress=bar -O $(BUILD_DIR)/<lib>/<file> <url>}
 * (support/build/Makefile.rules); a library's own rule may call it more plainly. Options without a
 * value are ignored, {@code -O FILE}, {@code -OFILE} and {@code --output-document=FILE} name the
 * output, the last other argument is the URL.
 *
 * @param output  where make wants the file
 * @param url     what to fetch
 */
public record WgetCall(Path output, String url) {

    public static WgetCall parse(List<String> arguments, Path workingDirectory) {
        Optional<String> output = Optional.empty();
        String url = null;
        for (int i = 0; i < arguments.size(); i++) {
            String a = arguments.get(i);
            if (a.equals("-O") && i + 1 < arguments.size()) {
                output = Optional.of(arguments.get(++i));
            } else if (a.startsWith("--output-document=")) {
                output = Optional.of(a.substring("--output-document=".length()));
            } else if (a.startsWith("-O") && a.length() > 2) {
                output = Optional.of(a.substring(2));
            } else if (!a.startsWith("-")) {
                url = a;
            }
        }
        if (url == null) {
            throw UknativeException.usage("wget was called without a URL: " + String.join(" ", arguments),
                    "uknative serves make's $(WGET) calls; this one names nothing to fetch");
        }
        String fileName = OriginFetcher.fileName(url);
        Path target = workingDirectory.resolve(output.orElse(fileName.isEmpty() ? "index.html" : fileName));
        return new WgetCall(target.toAbsolutePath().normalize(), url);
    }

    /** The library make fetches for: the output's folder is {@code $(BUILD_DIR)/<lib>}. */
    public String libraryName() {
        Path parent = output.getParent();
        return parent == null || parent.getFileName() == null ? "" : parent.getFileName().toString();
    }
}
