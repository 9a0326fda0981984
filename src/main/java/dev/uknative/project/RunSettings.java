package dev.uknative.project;

/**
 * The Kraftfile's {@code run:} mapping, uknative's defaults for {@code uknative run}.
 *
 * @param autoConfig turn on the options the run's flags need, as {@code run --auto-config} does
 */
public record RunSettings(boolean autoConfig) {

    public static final RunSettings DEFAULT = new RunSettings(false);
}
