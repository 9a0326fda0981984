# The oracle of UnikraftUndefinedSelectsDifferentialTest: with Kconfiglib (Debian's python3-kconfiglib),
# the selects and implies in effect whose target no Kconfig file defines, after `make olddefconfig`
# with a partial configuration. Kconfiglib keeps no line per select, so only who selects what is printed.
#
# usage: /usr/bin/python3 kconfiglib_undefined_selects.py KCONFIG FRAGMENT OUTPUT
# One line per find, "SELECTING select|imply TARGET", in definition order.
import sys

import kconfiglib

kconf = kconfiglib.Kconfig(sys.argv[1], warn_to_stderr=False)
kconf.load_config(sys.argv[2], replace=True)
lines = []
for sym in kconf.unique_defined_syms:
    if sym.tri_value == 0:
        continue
    for kind, reverses in (("select", sym.selects), ("imply", sym.implies)):
        for target, cond in reverses:
            if not target.is_constant and not target.nodes and kconfiglib.expr_value(cond) > 0:
                lines.append("%s %s %s\n" % (sym.name, kind, target.name))
with open(sys.argv[3], "w") as out:
    out.writelines(lines)
