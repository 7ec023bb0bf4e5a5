package io.mandate.it.apps.isolation;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.when;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import org.mockito.MockedStatic;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.mandate.api.Chain;
import io.mandate.api.Mandate;
import io.mandate.api.Step;
import io.mandate.it.apps.Observations;
import io.mandate.it.apps.jdbc.SupportDeskScenarioApp;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.implementation.FixedValue;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * An application that ships its OWN versions of libraries the agent also uses (Jackson, Byte
 * Buddy) and runs Mockito with its inline mock maker, which attaches a second Java agent to this
 * JVM at run time. Under the Mandate agent it must get exactly its own versions, all of it must
 * work, and Mandate must still decide and journal its JDBC calls.
 *
 * Arguments: jdbcUrl user password
 */
public final class LibraryIsolationApp {
    private LibraryIsolationApp() {
    }

    public static void main(String[] args) throws Exception {
        Observations.record("jackson.version", com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString());
        Observations.record("jackson.jar", jarOf(ObjectMapper.class));
        ObjectMapper mapper = new ObjectMapper();
        String json = mapper.writeValueAsString(Map.of("ticket", 42));
        Observations.record("jackson.roundTrip", mapper.readValue(json, Map.class).get("ticket"));

        Observations.record("bytebuddy.jar", jarOf(ByteBuddy.class));
        Class<? extends Greeter> generated = new ByteBuddy().subclass(Greeter.class)
                .method(ElementMatchers.named("greet")).intercept(FixedValue.value("generated"))
                .make().load(LibraryIsolationApp.class.getClassLoader()).getLoaded();
        Observations.record("bytebuddy.subclass", generated.getDeclaredConstructor().newInstance().greet());

        FinalGreeter finalMock = mock(FinalGreeter.class);
        when(finalMock.greet()).thenReturn("mocked final");
        Observations.record("mockito.finalClass", finalMock.greet());
        try (MockedStatic<StaticGreeter> statics = mockStatic(StaticGreeter.class)) {
            statics.when(StaticGreeter::greet).thenReturn("mocked static");
            Observations.record("mockito.static", StaticGreeter.greet());
        }
        Observations.record("mockito.jar", jarOf(org.mockito.Mockito.class));

        try (Connection connection = DriverManager.getConnection(args[0], args[1], args[2]);
             Chain chain = Mandate.openChain("support-bot", "answer ticket 9", "erin")) {
            Observations.record("chain", chain.id());
            Observations.record("customers", query(connection, "lookup_customer", "SELECT id FROM customers"));
            Observations.record("salaries", query(connection, "summarize_ticket", "SELECT amount FROM salaries"));
        }
    }

    private static String query(Connection connection, String tool, String sql) {
        try (Step step = Mandate.openStep(tool, Mandate.digest(sql));
             Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            int n = 0;
            while (rows.next()) {
                n++;
            }
            return "ok rows=" + n;
        } catch (SQLException e) {
            return SupportDeskScenarioApp.describe(e);
        }
    }

    private static String jarOf(Class<?> type) {
        return String.valueOf(type.getProtectionDomain().getCodeSource().getLocation());
    }

    /** Subclassed by Byte Buddy at run time. */
    public static class Greeter {
        public String greet() {
            return "original";
        }
    }

    /** Final: only Mockito's inline mock maker (a self-attached agent) can mock it. */
    public static final class FinalGreeter {
        public String greet() {
            return "original";
        }
    }

    public static final class StaticGreeter {
        private StaticGreeter() {
        }

        public static String greet() {
            return "original";
        }
    }
}
