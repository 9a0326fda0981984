package dev.uknative.app;

import dev.uknative.build.BuildRequest;
import dev.uknative.build.ConfigurationInputs;
import dev.uknative.build.KconfigConfigurator;
import dev.uknative.build.KconfigLayers;
import dev.uknative.core.ExitCode;
import dev.uknative.core.Reporter;
import dev.uknative.core.UknativeException;
import dev.uknative.kconfig.ConfigAssignment;
import dev.uknative.run.ImageCheck;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code run --auto-config}: the options the run's flags need, written to the Kraftfile through
 * {@link ProjectConfiguration} (solved by uknative's Kconfig engine, refused whole when one cannot
 * hold), so that the next build has them — and keeps them, rather than dropping them at a build
 * without the flags. An option the Kraftfile sets itself is never overridden: the run is refused,
 * naming where the Kraftfile sets it.
 */
final class AutoConfig {

    static final String ORIGIN = "uknative run --auto-config";

    private final Services services;
    private final Reporter reporter;

    AutoConfig(Services services, Reporter reporter) {
        this.services = services;
        this.reporter = reporter;
    }

    /** Turns on what {@code missing} names; returns each option with the flag it is for. */
    Map<String, String> turnOn(ProjectRequest project, BuildRequest request, List<ImageCheck.Missing> missing) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> forFlag = new LinkedHashMap<>();
        for (ImageCheck.Missing m : missing) {
            for (ImageCheck.Option o : m.options()) {
                values.merge(o.symbol(), o.value(), AutoConfig::larger);
                forFlag.putIfAbsent(o.symbol(), m.flag());
            }
        }
        List<ConfigAssignment> layers = KconfigLayers.inOrder(request);
        List<String> fixed = new ArrayList<>();
        for (ConfigAssignment a : layers) {
            if (values.containsKey(a.symbol()) && a.origin().startsWith("Kraftfile")) {
                fixed.add(a.symbol() + "=" + a.value() + " (" + a.describeOrigin() + ") for " + forFlag.get(a.symbol()));
            }
        }
        if (!fixed.isEmpty()) {
            throw new UknativeException(ExitCode.INVALID_INPUT, null,
                    "--auto-config does not override what the Kraftfile sets itself:\n  " + String.join("\n  ", fixed),
                    "change or remove those entries in the Kraftfile, or run without the flag that needs them");
        }
        KconfigConfigurator.Configured configured = services.configurator()
                .solve(new ConfigurationInputs(Paths.cacheHome()).of(request), layers);
        List<String> unknown = values.keySet().stream().filter(s -> configured.solved().status(s).isEmpty()).toList();
        if (!unknown.isEmpty()) {
            throw new UknativeException(ExitCode.INVALID_INPUT, null,
                    "--auto-config cannot turn on " + String.join(", ", unknown) + ": this project's Unikraft and libraries have no such option"
                            + " (for " + String.join(", ", unknown.stream().map(forFlag::get).distinct().toList()) + ")",
                    unknown.contains("CONFIG_LIBLWIP")
                            ? "a network stack is an external library: add lwip to the Kraftfile's libraries: (lib-lwip must match the Unikraft release)"
                            : "add the library that has it to the Kraftfile's libraries:");
        }
        ProjectConfiguration configuration = new ProjectConfiguration(configured.tree(), request.kraftfile(), request.target(),
                ProjectConfiguration.scope(project.target().target()), ProjectConfiguration.Defaults.KEEP, ORIGIN,
                KconfigLayers.libraryOptions(request));
        ProjectConfiguration.Outcome outcome = configuration.set(values);
        if (outcome instanceof ProjectConfiguration.Refused refused) {
            throw new UknativeException(ExitCode.INVALID_INPUT, null,
                    "--auto-config cannot turn on what the flags need:" + refused.describe(),
                    "the Kraftfile is unchanged; set what the flags need by hand (uknative config set) or run without them");
        }
        ProjectConfiguration.Written written = ((ProjectConfiguration.Applied) outcome).written();
        if (!written.notHeld().isEmpty()) {
            throw new UknativeException(ExitCode.INVALID_INPUT, null,
                    "--auto-config set " + String.join(", ", written.notHeld().keySet()) + " in " + written.file() + ", but:\n  "
                            + String.join("\n  ", written.notHeld().values()),
                    "change the Kraftfile entry that overrides it");
        }
        Map<String, List<String>> byFlag = new LinkedHashMap<>();
        values.forEach((symbol, value) -> byFlag.computeIfAbsent(forFlag.get(symbol), k -> new ArrayList<>()).add(symbol + "=" + value));
        byFlag.forEach((flag, set) -> reporter.info("--auto-config: for " + flag + " turned on " + String.join(" ", set)));
        reporter.info("--auto-config: written to " + written.file().getFileName() + " (" + configuration.scope().describe() + "); building again");
        Map<String, String> turnedOn = new LinkedHashMap<>();
        values.keySet().forEach(s -> turnedOn.put(s, forFlag.get(s)));
        return turnedOn;
    }

    /** Two flags asking for one int option: the larger value. */
    private static String larger(String a, String b) {
        try {
            return Long.decode(a) >= Long.decode(b) ? a : b;
        } catch (NumberFormatException e) {
            return a;
        }
    }
}
