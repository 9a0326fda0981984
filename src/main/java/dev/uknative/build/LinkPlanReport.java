package dev.uknative.build;

import dev.uknative.core.Reporter;
import dev.uknative.symbols.LinkPlan;
import java.util.List;
import java.util.Map;

/** Tells the user what the link plan changed: options turned on, stubs, raw syscalls, and what it could not do. */
final class LinkPlanReport {

    private static final int SHOWN = 8;

    private LinkPlanReport() {
    }

    static void report(LinkPlan plan, Reporter reporter) {
        for (LinkPlan.Enablement e : plan.enabled()) {
            reporter.info("native: turning on CONFIG_" + e.option() + " for " + list(e.forWhat())
                    + (e.alsoEnabled().isEmpty() ? "" : " (brings " + list(e.alsoEnabled().stream().map(o -> "CONFIG_" + o).toList()) + ")"));
        }
        for (Map.Entry<String, String> r : plan.refused().entrySet()) {
            reporter.warn("native: CONFIG_" + r.getKey() + " stays off: " + r.getValue());
        }
        for (LinkPlan.Conflict c : plan.conflicts()) {
            reporter.warn("native: " + c.symbol() + " is defined by both " + c.first() + " and " + c.second()
                    + ": the link will stop with a multiple-definition error (make one of them weak or static, or drop one)");
        }
        LinkPlan.SyscallReport sys = plan.syscalls();
        if (sys.sites() > 0) {
            reporter.info("native: " + sys.sites() + " raw syscall instruction" + (sys.sites() == 1 ? "" : "s")
                    + (sys.byName().isEmpty() ? "" : " (" + list(sys.byName().keySet().stream().toList()) + ")")
                    + (sys.unknownNumbers() == 0 ? "" : ", " + sys.unknownNumbers() + " with a number known only at run time")
                    + ": served by the syscall shim's handler");
            if (!sys.notImplemented().isEmpty()) {
                reporter.warn("native: this Unikraft implements no " + list(sys.notImplemented()) + " syscall: such calls fail with ENOSYS");
            }
        }
        List<LinkPlan.Need> stubbed = plan.withStatus(LinkPlan.Status.STUBBED);
        if (!stubbed.isEmpty()) {
            reporter.info("native: " + stubbed.size() + " symbol" + (stubbed.size() == 1 ? "" : "s") + " with no provider stubbed ("
                    + list(stubbed.stream().map(LinkPlan.Need::symbol).toList())
                    + "); a call stops the unikernel with \"unsupported function NAME called\" (`uknative symbols` lists them)");
        }
        List<LinkPlan.Need> enosys = plan.withStatus(LinkPlan.Status.ENOSYS);
        if (!enosys.isEmpty()) {
            reporter.info("native: " + list(enosys.stream().map(LinkPlan.Need::symbol).toList())
                    + " link to Unikraft's -ENOSYS syscall stubs (they return an error)");
        }
    }

    private static String list(List<String> items) {
        return items.size() <= SHOWN ? String.join(", ", items)
                : String.join(", ", items.subList(0, SHOWN)) + " and " + (items.size() - SHOWN) + " more";
    }
}
