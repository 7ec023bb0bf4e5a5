package io.mandate.agent.journal;

import java.lang.reflect.Field;

/**
 * Keeps Chronicle's use of {@code sun.misc.Unsafe} from printing the JDK 24+ "terminally deprecated
 * method in sun.misc.Unsafe has been called" warning on the host's stderr.
 *
 * <p>Chronicle Core reaches memory only through {@code sun.misc.Unsafe}, so no choice of
 * dependencies avoids the warning, and the launcher option that allows it
 * ({@code --sun-misc-unsafe-memory-access=allow}) cannot be set from inside a running JVM. The JDK
 * prints the warning once per JVM and remembers that in a private static flag of
 * {@code sun.misc.Unsafe} (a package that {@code jdk.unsupported} opens to everyone); setting the
 * flag before Chronicle loads marks the warning as already given. The price: the application's
 * own first use of those methods is not warned about either. With
 * {@code --sun-misc-unsafe-memory-access=deny} nothing is changed and the journal fails to open.
 */
final class UnsafeMemoryAccessWarning {
    private static final String WARNED_FLAG = "memoryAccessWarned";

    private UnsafeMemoryAccessWarning() {
    }

    /** Marks the warning as given; a no-op before JDK 24, where the flag does not exist. */
    static void markAsGiven() {
        try {
            Field warned = Class.forName("sun.misc.Unsafe").getDeclaredField(WARNED_FLAG);
            if (warned.getType() != boolean.class) {
                return;
            }
            warned.setAccessible(true);
            warned.setBoolean(null, true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // JDK without the flag or a runtime that refuses: the warning may show, nothing breaks
        }
    }
}
