package dev.uknative.testing;

import dev.uknative.cli.Main;
import dev.uknative.cli.Streams;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Runs the uknative command line in this JVM and captures what it wrote. */
public record CliRun(int exitCode, String out, String err) {

    public static CliRun of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.commandLine(new Streams(out, err)).execute(args);
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err;
    }
}
