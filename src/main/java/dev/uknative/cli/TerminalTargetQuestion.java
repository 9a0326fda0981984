package dev.uknative.cli;

import dev.uknative.app.ProjectLoader;
import dev.uknative.core.UknativeException;
import dev.uknative.project.TargetSelector;
import dev.uknative.project.TargetSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** Asks on the terminal which target to use when several fit; without a terminal nobody is asked. */
final class TerminalTargetQuestion implements ProjectLoader.TargetQuestion {

    private final PrintWriter err;

    /** @param err where the question is asked */
    TerminalTargetQuestion(PrintWriter err) {
        this.err = err;
    }

    @Override
    public Optional<TargetSpec> ask(List<TargetSpec> fitting) {
        if (System.console() == null) {
            return Optional.empty();
        }
        err.println("Several targets fit; which one?");
        for (int i = 0; i < fitting.size(); i++) {
            err.println("  " + (i + 1) + ") " + TargetSelector.describe(fitting.get(i)));
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try {
            while (true) {
                err.print("Target [1-" + fitting.size() + "]: ");
                err.flush();
                String answer = in.readLine();
                if (answer == null) {
                    throw UknativeException.usage("no target chosen", "choose one with --target NAME");
                }
                try {
                    int n = Integer.parseInt(answer.trim());
                    if (n >= 1 && n <= fitting.size()) {
                        return Optional.of(fitting.get(n - 1));
                    }
                } catch (NumberFormatException e) {
                    // Asked again below.
                }
                err.println("Please answer with a number from 1 to " + fitting.size() + ".");
            }
        } catch (IOException e) {
            throw UknativeException.usage("cannot read the answer: " + e.getMessage(), "choose one with --target NAME");
        }
    }
}
