package dev.uknative.kconfig;

import dev.uknative.core.ExitCode;
import dev.uknative.core.Location;
import dev.uknative.core.UknativeException;

/**
 * A Kconfig tree that cannot be read: a syntax error ({@code file:line: couldn't parse 'LINE': what}),
 * a dependency loop, a missing or unreadable file, or a construct uknative does not emulate.
 */
public final class KconfigException extends UknativeException {

    KconfigException(ExitCode code, Location location, String message, String hint, Throwable cause) {
        super(code, location, message, hint, cause);
    }

    static KconfigException invalid(Location location, String message, String hint) {
        return new KconfigException(ExitCode.INVALID_INPUT, location, message, hint, null);
    }

    static KconfigException unreadable(Location location, String message, String hint, Throwable cause) {
        return new KconfigException(ExitCode.ENVIRONMENT, location, message, hint, cause);
    }
}
