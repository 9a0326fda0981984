package dev.uknative.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Makes a child die with this process, however this process dies. Linux sends a chosen signal to a
 * process when the thread that started it ends ({@code prctl(PR_SET_PDEATHSIG)}, inherited across
 * {@code execve}); Java 17 cannot call {@code prctl} (no FFM, and uknative ships no JNI), so the child
 * is started through util-linux's {@code setpriv --pdeathsig TERM -- PROGRAM ARGS…}, which sets the
 * signal and then execs the program: the child keeps setpriv's pid, and its command line is the
 * program's. util-linux is an essential package on Debian (the {@code setsid} that detached machines
 * use comes from it too), so this needs no extra install.
 *
 * <p>Chosen over the alternatives: QEMU does not quit on end of file of its stdin (the serial
 * console), so a pipe that closes with the JVM does not stop it; a supervisor process of our own
 * would need a compiled helper or a second JVM per run; QEMU's own {@code -run-with
 * exit-with-parent=on} is far newer than Debian 12's QEMU 7.2, and would cover QEMU only (not make).
 *
 * <p>Limits: the signal follows the <em>thread</em> that started the child, so the caller must wait
 * for the child on that thread ({@link ProcessRunner#run} does); if this process dies in the
 * microseconds between starting setpriv and setpriv's {@code prctl}, the child is not covered. Where
 * setpriv is missing or older than util-linux 2.33 (no {@code --pdeathsig}), children are started
 * directly and only this JVM's shutdown hook stops them (Ctrl-C, SIGTERM; not SIGKILL).
 */
final class ParentDeathSignal {

    private final Optional<Path> setpriv;

    private ParentDeathSignal(Optional<Path> setpriv) {
        this.setpriv = setpriv;
    }

    /** Finds a setpriv that knows {@code --pdeathsig}. */
    static ParentDeathSignal detect(ToolLocator tools) {
        return new ParentDeathSignal(tools.find("setpriv").filter(ParentDeathSignal::knowsPdeathsig));
    }

    /** Whether children can be tied to this process at all here. */
    boolean available() {
        return setpriv.isPresent();
    }

    /** {@code command} started so that it gets SIGTERM when this thread ends; unchanged where that is not possible. */
    List<String> wrap(List<String> command) {
        if (setpriv.isEmpty()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of(setpriv.get().toString(), "--pdeathsig", "TERM", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    /**
     * Whether {@code setpriv} takes {@code --pdeathsig}: its help text is compiled into the binary, so
     * the option's name found in the file answers without starting a process (a run starts one less);
     * anything else (a wrapper script, an unreadable file) is asked with {@code --help}.
     */
    static boolean knowsPdeathsig(Path setpriv) {
        if (mentions(setpriv, "--pdeathsig")) {
            return true;
        }
        try {
            Process help = new ProcessBuilder(setpriv.toString(), "--help").redirectErrorStream(true).start();
            help.getOutputStream().close();
            String text = new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!help.waitFor(10, TimeUnit.SECONDS)) {
                help.destroyForcibly();
                return false;
            }
            return text.contains("--pdeathsig");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean mentions(Path file, String text) {
        byte[] wanted = text.getBytes(StandardCharsets.US_ASCII);
        try {
            if (Files.size(file) > 16L << 20) {
                return false;
            }
            byte[] bytes = Files.readAllBytes(file);
            outer:
            for (int i = 0; i + wanted.length <= bytes.length; i++) {
                for (int j = 0; j < wanted.length; j++) {
                    if (bytes[i + j] != wanted[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }
}
