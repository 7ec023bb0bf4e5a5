package io.mandate.agent.startup;

import java.lang.instrument.Instrumentation;
import java.util.HashMap;
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
     * Opens packages of named JDK modules to {@code target} (the agent loader's unnamed module), for
     * libraries that reach into JDK internals. {@code packagesByModule} maps a module name to the
     * package names to open; modules absent from this JDK are skipped, and so are packages the
     * module does not contain.
     */
    static void open(Instrumentation instrumentation, Map<String, Set<String>> packagesByModule, Module target) {
        for (Map.Entry<String, Set<String>> wanted : packagesByModule.entrySet()) {
            Module module = ModuleLayer.boot().findModule(wanted.getKey()).orElse(null);
            if (module == null || !instrumentation.isModifiableModule(module)) {
                continue;
            }
            Map<String, Set<Module>> opens = new HashMap<>();
            for (String packageName : wanted.getValue()) {
                if (module.getPackages().contains(packageName) && !module.isOpen(packageName, target)) {
                    opens.put(packageName, Set.of(target));
                }
            }
            if (!opens.isEmpty()) {
                // opening implies exporting, for both reflection and linkage
                instrumentation.redefineModule(module, Set.of(), opens, opens, Set.of(), Map.of());
            }
        }
    }
}
