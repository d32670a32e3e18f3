package tower.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The store's stand-in for the DuckDB driver's {@code org.duckdb.JfrMemoryMonitor} (see that class): it is the one
 * loaded, and it has exactly the static methods the driver's own class has, so that a driver upgrade that calls
 * something else fails here, not at a user's first connection.
 */
class DuckDbDriverHookTest {
    private static final String NAME = "org.duckdb.JfrMemoryMonitor";

    private static Set<String> staticMethods(Class<?> c) {
        return Arrays.stream(c.getDeclaredMethods())
                .filter(m -> Modifier.isStatic(m.getModifiers()) && !m.isSynthetic() && !Modifier.isPrivate(m.getModifiers()))
                .map(DuckDbDriverHookTest::signature)
                .collect(Collectors.toSet());
    }

    private static String signature(Method m) {
        return m.getName() + Arrays.stream(m.getParameterTypes()).map(Class::getName)
                .collect(Collectors.joining(",", "(", ")")) + m.getReturnType().getName();
    }

    @Test
    void theStandInIsLoadedAndMatchesTheDriversClass() throws Exception {
        URL driverJar = org.duckdb.DuckDBDriver.class.getProtectionDomain().getCodeSource().getLocation();
        Class<?> loaded = Class.forName(NAME);
        assertThat(loaded.getProtectionDomain().getCodeSource().getLocation())
                .as("the store's class comes before the driver's on the class path").isNotEqualTo(driverJar);
        try (URLClassLoader driverOnly = new URLClassLoader(new URL[] {driverJar}, ClassLoader.getPlatformClassLoader())) {
            Class<?> drivers = Class.forName(NAME, false, driverOnly);
            assertThat(staticMethods(loaded)).as("update or delete the stand-in for this driver version")
                    .isEqualTo(staticMethods(drivers));
        }
    }

    @Test
    void connectionsOpenAndCloseThroughIt() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             var s = c.createStatement(); var rs = s.executeQuery("SELECT 42")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(42);
        }
    }
}
