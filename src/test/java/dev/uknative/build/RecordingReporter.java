package dev.uknative.build;

import dev.uknative.core.Reporter;
import java.util.List;

/** A reporter that keeps what a build says ("warning: " before warnings); progress and details dropped. */
final class RecordingReporter implements Reporter {

    private final List<String> said;

    RecordingReporter(List<String> said) {
        this.said = said;
    }

    @Override
    public void info(String message) {
        said.add(message);
    }

    @Override
    public void warn(String message) {
        said.add("warning: " + message);
    }

    @Override
    public void progress(String message) {
    }

    @Override
    public void detail(String line) {
    }
}
