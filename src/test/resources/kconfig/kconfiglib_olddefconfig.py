# The oracle of the differential tests: Kconfiglib (Debian's python3-kconfiglib) does what
# `make olddefconfig` does with a partial configuration, and writes the .config.
#
# usage: /usr/bin/python3 kconfiglib_olddefconfig.py KCONFIG FRAGMENT OUTPUT
# The Kconfig variables come from the environment, as with Unikraft's Makefile. Warnings go to stderr.
import sys

import kconfiglib

kconf = kconfiglib.Kconfig(sys.argv[1], warn_to_stderr=False)
kconf.load_config(sys.argv[2], replace=True)
kconf.write_config(sys.argv[3], header="", save_old=False)
for warning in kconf.warnings:
    print(warning, file=sys.stderr)
