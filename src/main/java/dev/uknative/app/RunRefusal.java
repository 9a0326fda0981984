package dev.uknative.app;

import dev.uknative.core.ExitCode;
import dev.uknative.core.Reporter;
import dev.uknative.core.UknativeException;
import dev.uknative.run.ImageCheck;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code run} does with {@link ImageCheck}'s findings before QEMU starts: flags the image cannot
 * take stop the run (exit 3), one line per flag with the options it needs and the command that adds
 * them; a host that cannot run the image stops it (exit 4); a flag that cannot be checked is a warning.
 */
final class RunRefusal {

    private RunRefusal() {
    }

    /**
     * @param project    the project folder, for a project's image (where {@code uknative config set} runs)
     * @param autoConfigured whether {@code --auto-config} already turned options on for this run
     */
    static void conclude(ImageCheck.Result result, Optional<Path> project, boolean autoConfigured, Reporter reporter) {
        List<String> lines = new ArrayList<>();
        for (ImageCheck.Finding finding : result.findings()) {
            if (finding instanceof ImageCheck.Missing m) {
                lines.add(m.message());
                lines.add("    " + m.command());
            } else if (finding instanceof ImageCheck.Invalid i) {
                lines.add(i.flag() + ": " + i.message());
            }
        }
        if (!lines.isEmpty()) {
            int flags = result.missing().size() + result.invalid().size();
            String hint;
            if (!result.invalid().isEmpty()) {
                hint = result.invalid().get(0).hint();
            } else if (autoConfigured) {
                hint = "--auto-config wrote them to the Kraftfile, but the build does not have them: see why with"
                        + "  uknative config explain " + result.missing().get(0).options().get(0).symbol();
            } else if (project.isPresent()) {
                hint = "add --auto-config to turn them on, build again and run (run: {auto-config: true} in the Kraftfile makes that"
                        + " the project's default)";
            } else {
                hint = "the image is a file: set them in the project it was built from and build it again";
            }
            throw new UknativeException(ExitCode.INVALID_INPUT, null,
                    (flags == 1 ? "the image cannot take this flag" : "the image cannot take " + flags + " of these flags")
                            + " (QEMU was not started):\n  " + String.join("\n  ", lines), hint);
        }
        if (!result.hostLacks().isEmpty()) {
            ImageCheck.HostLacks lacks = result.hostLacks().get(0);
            throw UknativeException.environment(lacks.message() + " (QEMU was not started)", lacks.hint());
        }
        for (ImageCheck.Unchecked unchecked : result.unchecked()) {
            reporter.warn(unchecked.message());
        }
    }
}
