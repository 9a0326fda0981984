package dev.uknative.kconfig;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The variables Unikraft's Makefile hands its kconfig tools ({@code COMMON_CONFIG_ENV} in Unikraft's
 * Makefile, 0.17.0 and its staging branch alike), computed the way the Makefile computes them, for
 * {@link KconfigParser#parse}. Values that need a process (git, gcc) come in as parameters.
 *
 * <p>Paths are taken as make sees them: absolute, and with symbolic links resolved where the Makefile
 * applies {@code realpath} (A, O's parent, P, E and the Unikraft tree); the library paths exactly as
 * passed in {@code L=}, since the Makefile passes {@code $(L)} through unchanged.
 *
 * @param unikraft         {@code CONFIG_UK_BASE}: the Unikraft tree ({@code make -C})
 * @param application      {@code A=}; the Makefile uses the Unikraft tree itself when A is not given
 * @param libraries        {@code L=}: external library folders, in order
 * @param platforms        {@code P=}: external platform folders, in order
 * @param excluded         {@code E=}: library folders to leave out
 * @param buildDirectory   {@code O=}
 * @param config           {@code C=}: the .config file
 * @param name             {@code N=}, else the application folder's name (CONFIG_UK_NAME)
 * @param fullVersion      UK_FULLVERSION, see {@link #fullVersion(String, String)}
 * @param codename         UK_CODENAME from version.mk, see {@link #codename(String)}
 * @param architecture     CONFIG_UK_ARCH: for the configuration targets it is {@code ARCH=} if given,
 *                         else the host's architecture (the .config is not read by them)
 * @param hostArchitecture HOSTARCH: from {@code gcc -v}'s "Target:", see {@link #hostArchitecture(String)}
 */
public record UnikraftKconfigVariables(Path unikraft, Path application, List<Path> libraries, List<Path> platforms,
                                       List<Path> excluded, Path buildDirectory, Path config, String name,
                                       String fullVersion, String codename, String architecture,
                                       String hostArchitecture) {

    public UnikraftKconfigVariables {
        Objects.requireNonNull(unikraft, "unikraft");
        Objects.requireNonNull(application, "application");
        libraries = List.copyOf(libraries);
        platforms = List.copyOf(platforms);
        excluded = List.copyOf(excluded);
        Objects.requireNonNull(buildDirectory, "buildDirectory");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(fullVersion, "fullVersion");
        Objects.requireNonNull(codename, "codename");
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(hostArchitecture, "hostArchitecture");
    }

    /** The common case: no external platforms, nothing excluded, the target architecture is the host's. */
    public static UnikraftKconfigVariables of(Path unikraft, Path application, List<Path> libraries, Path buildDirectory,
                                              Path config, String name, String fullVersion, String codename,
                                              String hostArchitecture) {
        return new UnikraftKconfigVariables(unikraft, application, libraries, List.of(), List.of(), buildDirectory,
                config, name, fullVersion, codename, hostArchitecture, hostArchitecture);
    }

    /** The root Kconfig file: {@code $(CONFIG_UK_BASE)/Config.uk}. */
    public Path rootKconfig() {
        return unikraft.resolve("Config.uk");
    }

    /** {@code $(O)/kconfig}, where conf keeps auto.conf and config-submenu.sh writes its files. */
    public Path kconfigDirectory() {
        return buildDirectory.resolve("kconfig");
    }

    /** {@code $(O)/kconfig/auto.conf} (KCONFIG_AUTOCONFIG). */
    public Path autoConf() {
        return kconfigDirectory().resolve("auto.conf");
    }

    /** {@code $(O)/include/uk/bits/config.h} (KCONFIG_AUTOHEADER). */
    public Path autoHeader() {
        return buildDirectory.resolve("include/uk/bits/config.h");
    }

    /** COMMON_CONFIG_ENV, name by name, each computed as the Makefile does. */
    public Map<String, String> variables() {
        String base = unikraft.toString();
        Map<String, String> v = new LinkedHashMap<>();
        v.put("CONFIG_", KconfigTree.CONFIG_PREFIX);
        v.put("KCONFIG_CONFIG", config.toString());
        v.put("KCONFIG_AUTOCONFIG", autoConf().toString());
        v.put("KCONFIG_AUTOHEADER", autoHeader().toString());
        v.put("KCONFIG_TRISTATE", kconfigDirectory().resolve("tristate.config").toString());
        v.put("HOST_ARCH", hostArchitecture);
        v.put("BUILD_DIR", buildDirectory.toString());
        v.put("UK_BASE", base);
        v.put("UK_APP", application.toString());
        v.put("UK_CONFIG", config.toString());
        v.put("UK_FULLVERSION", fullVersion);
        v.put("UK_CODENAME", codename);
        v.put("UK_ARCH", architecture);
        v.put("KCONFIG_DIR", kconfigDirectory().toString());
        v.put("KCONFIG_LIB_BASE", base + "/lib");
        v.put("KCONFIG_ELIB_DIRS", join(libraries, ":"));
        v.put("KCONFIG_PLAT_BASE", base + "/plat");
        v.put("KCONFIG_EPLAT_DIRS", join(platforms, ":"));
        v.put("KCONFIG_DRIV_BASE", base + "/drivers");
        // KCONFIG_EAPP_DIR is empty when the application is the Unikraft tree itself (no A=)
        v.put("KCONFIG_EAPP_DIR", application.equals(unikraft) ? "" : application.toString());
        // The Makefile appends each E= folder as $(KCONFIG_EXCLUDEDIRS)$(colon)$(realpath …), and $(colon)
        // is defined nowhere: the folders are concatenated without a separator. One folder works.
        v.put("KCONFIG_EXCLUDEDIRS", join(excluded, ""));
        v.put("UK_NAME", name);
        return v;
    }

    private static String join(List<Path> paths, String separator) {
        return String.join(separator, paths.stream().map(Path::toString).toList());
    }

    private static final Pattern ASSIGNMENT = Pattern.compile("(?m)^\\s*([A-Z_]+)\\s*[:?]?=[ \\t]*(.*?)\\s*$");

    /**
     * UK_FULLVERSION: {@code UK_VERSION.UK_SUBVERSION[.UK_EXTRAVERSION]} from version.mk, followed by
     * what support/scripts/gitsha1 prints in the tree ({@code ~<short sha>}, {@code ~<sha>-custom} when
     * tracked files are modified, nothing outside git).
     */
    public static String fullVersion(String versionMk, String gitSha1Output) {
        Map<String, String> values = versionValues(versionMk);
        String version = values.getOrDefault("UK_VERSION", "") + "." + values.getOrDefault("UK_SUBVERSION", "");
        String extra = values.getOrDefault("UK_EXTRAVERSION", "");
        if (!extra.isEmpty()) {
            version += "." + extra;
        }
        return version + gitSha1Output.strip();
    }

    /** UK_CODENAME from version.mk, if set. */
    public static Optional<String> codename(String versionMk) {
        return Optional.ofNullable(versionValues(versionMk).get("UK_CODENAME")).filter(s -> !s.isEmpty());
    }

    private static Map<String, String> versionValues(String versionMk) {
        Map<String, String> values = new LinkedHashMap<>();
        Matcher m = ASSIGNMENT.matcher(versionMk);
        while (m.find()) {
            values.put(m.group(1), m.group(2));
        }
        return values;
    }

    /**
     * HOSTARCH from the output of {@code gcc -v}: the part of "Target: …" before the first dash,
     * normalized by the Makefile's sed script (i?86 → x86, aarch64 → arm64, …).
     */
    public static Optional<String> hostArchitecture(String gccVerboseOutput) {
        Matcher m = Pattern.compile("(?m)^Target: ([^-\\s]*)").matcher(gccVerboseOutput);
        if (!m.find()) {
            return Optional.empty();
        }
        // The sed expressions of the Makefile, in order, each replacing its first match
        String a = m.group(1);
        a = a.replaceFirst("i.86", "x86").replaceFirst("sun4u", "sparc64")
                .replaceFirst("arm64.*", "arm64").replaceFirst("aarch64.*", "arm64");
        if (!a.contains("arm64")) {
            a = a.replaceFirst("arm.*", "arm");
        }
        a = a.replaceFirst("sa110", "arm").replaceFirst("ppc64", "powerpc64").replaceFirst("ppc", "powerpc")
                .replaceFirst("macppc", "powerpc").replaceFirst("sh.*", "sh");
        return Optional.of(a);
    }
}
