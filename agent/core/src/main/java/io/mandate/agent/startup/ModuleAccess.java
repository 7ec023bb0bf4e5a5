package io.mandate.agent.startup;

import java.lang.instrument.Instrumentation;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Grants the module access the agent needs on JDK 17+, so operators add no --add-opens flags.
 */
final class ModuleAccess {
    private ModuleAccess() {
    }

    /**
     * Makes every named module of the boot layer read the boot loader's unnamed module, where the
     * bootstrap bridge lives: advice inlined into java.base, java.sql, java.net.http or
     * jdk.httpserver classes calls bridge classes, and a named module can only link to modules it
     * reads. Returns how many modules were changed.
     */
    static int letJdkModulesReadBridge(Instrumentation instrumentation, Module bridge) {
        int changed = 0;
        for (Module module : ModuleLayer.boot().modules()) {
            if (!module.canRead(bridge) && instrumentation.isModifiableModule(module)) {
                instrumentation.redefineModule(module, Set.of(bridge), Map.of(), Map.of(), Set.of(), Map.of());
                changed++;
            }
        }
        return changed;
    }

    /**
     * Exports and opens packages of named JDK modules to {@code target} (the agent loader's unnamed
     * module), for libraries that reach into JDK internals. Both maps go from a module name to
     * package names; modules absent from this JDK and packages a module does not contain are skipped.
     */
    static void grant(Instrumentation instrumentation, Map<String, Set<String>> exports,
                      Map<String, Set<String>> opens, Module target) {
        Set<String> moduleNames = new HashSet<>(exports.keySet());
        moduleNames.addAll(opens.keySet());
        for (String moduleName : moduleNames) {
            Module module = ModuleLayer.boot().findModule(moduleName).orElse(null);
            if (module == null || !instrumentation.isModifiableModule(module)) {
                continue;
            }
            Map<String, Set<Module>> extraExports = toTarget(module, exports.get(moduleName), target);
            Map<String, Set<Module>> extraOpens = toTarget(module, opens.get(moduleName), target);
            if (!extraExports.isEmpty() || !extraOpens.isEmpty()) {
                instrumentation.redefineModule(module, Set.of(), extraExports, extraOpens, Set.of(), Map.of());
            }
        }
    }

    private static Map<String, Set<Module>> toTarget(Module module, Set<String> packages, Module target) {
        Map<String, Set<Module>> grants = new HashMap<>();
        if (packages != null) {
            for (String packageName : packages) {
                if (module.getPackages().contains(packageName)) {
                    grants.put(packageName, Set.of(target));
                }
            }
        }
        return grants;
    }
}
